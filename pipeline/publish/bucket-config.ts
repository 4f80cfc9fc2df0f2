/**
 * The bucket settings the published API needs, and applying them to a GCS bucket:
 * - CORS: GET/HEAD from the website origins, exposing Content-Type and Cache-Control, preflight
 *   cached for an hour;
 * - lifecycle: delete objects under `<prefix>/builds/` older than `keepDays` (staged copies and
 *   release records: what `rollback` restores from, so keep enough days for it); rules of other
 *   prefixes are kept as they are;
 * - no public writes: uniform bucket-level access (no per-object ACL can grant anything), and
 *   no IAM binding that gives `allUsers`/`allAuthenticatedUsers` more than reading objects
 *   (`roles/storage.objectViewer`).
 *
 * GCS-specific by nature (the local-directory store has no such settings), so it uses the
 * client directly. Changes are read-compare-write with `ifMetagenerationMatch` / the policy etag.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Bucket } from '@google-cloud/storage';
import { BUILDS_PREFIX } from './release-manifest.ts';
import { withRetry } from './retry.ts';

export const DEFAULT_ORIGINS = ['https://nbaprops.com', 'http://localhost:3000'];
export const DEFAULT_KEEP_DAYS = 30;
export const CORS_MAX_AGE_SECONDS = 3600;
/**
 * What the public may hold: reading objects. Not `legacyBucketReader`, which also reads the
 * bucket's own settings (lifecycle, CORS, labels): the website needs objects, nothing more.
 */
const PUBLIC_READ_ROLES = new Set(['roles/storage.objectViewer', 'roles/storage.legacyObjectReader']);
const PUBLIC_MEMBERS = new Set(['allUsers', 'allAuthenticatedUsers']);

export interface CorsEntry { origin: string[]; method: string[]; responseHeader: string[]; maxAgeSeconds: number }
export interface LifecycleRule { action: { type: string }; condition: { age?: number; matchesPrefix?: string[]; [key: string]: unknown } }
export interface IamBinding { role: string; members: string[]; [key: string]: unknown }

export interface DesiredBucketConfig {
  cors: CorsEntry[];
  lifecycleRule: LifecycleRule;
  uniformBucketLevelAccess: true;
}

export function desiredBucketConfig(options: { origins: readonly string[]; keepDays: number; prefix: string }): DesiredBucketConfig {
  const root = options.prefix ? `${options.prefix}/` : '';
  return {
    cors: [{ origin: [...options.origins], method: ['GET', 'HEAD'], responseHeader: ['Content-Type', 'Cache-Control'], maxAgeSeconds: CORS_MAX_AGE_SECONDS }],
    lifecycleRule: { action: { type: 'Delete' }, condition: { age: options.keepDays, matchesPrefix: [`${root}${BUILDS_PREFIX}`] } },
    uniformBucketLevelAccess: true,
  };
}

/** Our rule replaces any delete rule on exactly the same prefixes; every other rule stays. */
export function mergeLifecycle(current: readonly LifecycleRule[], ours: LifecycleRule): LifecycleRule[] {
  const same = (rule: LifecycleRule) => rule.action.type === 'Delete' && isDeepStrictEqual(rule.condition.matchesPrefix ?? [], ours.condition.matchesPrefix);
  return [...current.filter((rule) => !same(rule)), ours];
}

/** Public members removed from every role that is more than reading objects. */
export function withoutPublicWrite(bindings: readonly IamBinding[]): { bindings: IamBinding[]; removed: string[] } {
  const removed: string[] = [];
  const kept = bindings.map((binding) => {
    if (PUBLIC_READ_ROLES.has(binding.role)) return binding;
    const members = binding.members.filter((member) => {
      if (!PUBLIC_MEMBERS.has(member)) return true;
      removed.push(`${member} from ${binding.role}`);
      return false;
    });
    return { ...binding, members };
  });
  return { bindings: kept.filter((binding) => binding.members.length > 0), removed };
}

export interface BucketConfigChange {
  setting: 'cors' | 'lifecycle' | 'uniformBucketLevelAccess' | 'iam';
  detail: string;
}

/** Brings the bucket to `desired`; resolves to what changed (empty when it already was). */
export async function applyBucketConfig(bucket: Bucket, desired: DesiredBucketConfig): Promise<BucketConfigChange[]> {
  const [metadata] = await withRetry(`read the settings of gs://${bucket.name}`, () => bucket.getMetadata());
  const changes: BucketConfigChange[] = [];
  const patch: Record<string, unknown> = {};
  if (!isDeepStrictEqual(metadata.cors ?? [], desired.cors)) {
    patch.cors = desired.cors;
    changes.push({ setting: 'cors', detail: `GET/HEAD from ${desired.cors[0]!.origin.join(', ')}` });
  }
  const currentRules = (metadata.lifecycle?.rule ?? []) as LifecycleRule[];
  const rules = mergeLifecycle(currentRules, desired.lifecycleRule);
  if (!isDeepStrictEqual(currentRules, rules)) {
    patch.lifecycle = { rule: rules };
    changes.push({ setting: 'lifecycle', detail: `delete ${desired.lifecycleRule.condition.matchesPrefix?.join(', ')} after ${desired.lifecycleRule.condition.age} days` });
  }
  if (metadata.iamConfiguration?.uniformBucketLevelAccess?.enabled !== true) {
    patch.iamConfiguration = { uniformBucketLevelAccess: { enabled: true } };
    changes.push({ setting: 'uniformBucketLevelAccess', detail: 'enabled (no object ACLs)' });
  }
  if (Object.keys(patch).length > 0) {
    await withRetry(`update the settings of gs://${bucket.name}`, () => bucket.setMetadata(patch, { ifMetagenerationMatch: metadata.metageneration }));
  }
  const [policy] = await withRetry(`read the IAM policy of gs://${bucket.name}`, () => bucket.iam.getPolicy({ requestedPolicyVersion: 3 }));
  const { bindings, removed } = withoutPublicWrite((policy.bindings ?? []) as IamBinding[]);
  if (removed.length > 0) {
    await withRetry(`update the IAM policy of gs://${bucket.name}`, () => bucket.iam.setPolicy({ ...policy, bindings }));
    changes.push({ setting: 'iam', detail: `removed ${removed.join('; ')}` });
  }
  return changes;
}
