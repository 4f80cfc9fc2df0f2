/**
 * The bucket settings the published API needs, and applying them to a GCS bucket:
 * - CORS (pipeline/cors-policy.ts): GET/HEAD from the website origins, exposing Content-Type,
 *   Cache-Control, ETag and Content-Length, preflight cached for an hour;
 * - lifecycle: delete objects under `<prefix>/builds/` older than `keepDays` (staged copies and
 *   release records: what `rollback` restores from, so keep enough days for it); rules of other
 *   prefixes are kept as they are;
 * - no public writes: uniform bucket-level access (no per-object ACL can grant anything), and
 *   no IAM binding that gives `allUsers`/`allAuthenticatedUsers` more than reading objects
 *   (`roles/storage.objectViewer`);
 * - public read when asked (`grantPublicRead`): `allUsers` holds `roles/storage.objectViewer`, as
 *   a CDN or a browser reading the bucket directly needs. Not asked, public read is left as the
 *   bucket has it, and the result says whether the public can read.
 *
 * GCS-specific by nature (the local-directory store has no such settings), so it uses the
 * client directly. Changes are read-compare-write with `ifMetagenerationMatch` / the policy etag.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Bucket } from '@google-cloud/storage';
import { CORS_EXPOSED_HEADERS, CORS_MAX_AGE_SECONDS } from '../cors-policy.ts';
import { BUILDS_PREFIX } from './release-manifest.ts';
import { withRetry } from './retry.ts';

export const DEFAULT_KEEP_DAYS = 30;
/** The role `grantPublicRead` gives `allUsers`: get and list objects, nothing about the bucket. */
export const PUBLIC_READ_ROLE = 'roles/storage.objectViewer';
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
  /** Give `allUsers` `PUBLIC_READ_ROLE`; false leaves public read as the bucket has it. */
  grantPublicRead: boolean;
}

export interface DesiredBucketConfigOptions { origins: readonly string[]; keepDays: number; prefix: string; publicRead?: boolean }

export function desiredBucketConfig(options: DesiredBucketConfigOptions): DesiredBucketConfig {
  const root = options.prefix ? `${options.prefix}/` : '';
  return {
    cors: [{ origin: [...options.origins], method: ['GET', 'HEAD'], responseHeader: [...CORS_EXPOSED_HEADERS], maxAgeSeconds: CORS_MAX_AGE_SECONDS }],
    lifecycleRule: { action: { type: 'Delete' }, condition: { age: options.keepDays, matchesPrefix: [`${root}${BUILDS_PREFIX}`] } },
    uniformBucketLevelAccess: true,
    grantPublicRead: options.publicRead === true,
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

/** `allUsers` reads objects through an unconditional binding of a read role. */
export function grantsPublicRead(bindings: readonly IamBinding[]): boolean {
  return bindings.some((binding) => PUBLIC_READ_ROLES.has(binding.role) && binding.condition === undefined && binding.members.includes('allUsers'));
}

/** `allUsers` added to the unconditional `PUBLIC_READ_ROLE` binding (made when there is none); unchanged when it is there. */
export function withPublicRead(bindings: readonly IamBinding[]): { bindings: IamBinding[]; added: boolean } {
  const isTarget = (binding: IamBinding) => binding.role === PUBLIC_READ_ROLE && binding.condition === undefined;
  const target = bindings.find(isTarget);
  if (target?.members.includes('allUsers')) return { bindings: [...bindings], added: false };
  if (!target) return { bindings: [...bindings, { role: PUBLIC_READ_ROLE, members: ['allUsers'] }], added: true };
  return { bindings: bindings.map((binding) => (binding === target ? { ...binding, members: [...binding.members, 'allUsers'] } : binding)), added: true };
}

export interface BucketConfigChange {
  setting: 'cors' | 'lifecycle' | 'uniformBucketLevelAccess' | 'iam' | 'publicRead';
  detail: string;
}

export interface BucketConfigResult {
  /** What changed; empty when the bucket already was as desired. */
  changes: BucketConfigChange[];
  /** Whether `allUsers` can read objects afterwards. */
  publicRead: boolean;
}

/** Brings the bucket to `desired`: the settings, then the IAM policy. */
export async function applyBucketConfig(bucket: Bucket, desired: DesiredBucketConfig): Promise<BucketConfigResult> {
  const changes = await applySettings(bucket, desired);
  const iam = await applyIamPolicy(bucket, desired);
  return { changes: [...changes, ...iam.changes], publicRead: iam.publicRead };
}

/** CORS, lifecycle and uniform access, in one patch guarded by the metageneration read. */
async function applySettings(bucket: Bucket, desired: DesiredBucketConfig): Promise<BucketConfigChange[]> {
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
  return changes;
}

/** Public write removed, public read granted when asked; one `setPolicy` guarded by the policy etag read. */
async function applyIamPolicy(bucket: Bucket, desired: DesiredBucketConfig): Promise<BucketConfigResult> {
  const [policy] = await withRetry(`read the IAM policy of gs://${bucket.name}`, () => bucket.iam.getPolicy({ requestedPolicyVersion: 3 }));
  const closed = withoutPublicWrite((policy.bindings ?? []) as IamBinding[]);
  const opened = desired.grantPublicRead ? withPublicRead(closed.bindings) : { bindings: closed.bindings, added: false };
  const changes: BucketConfigChange[] = [];
  if (closed.removed.length > 0) changes.push({ setting: 'iam', detail: `removed ${closed.removed.join('; ')}` });
  if (opened.added) changes.push({ setting: 'publicRead', detail: `granted ${PUBLIC_READ_ROLE} to allUsers (anyone may read objects)` });
  if (changes.length > 0) {
    await withRetry(`update the IAM policy of gs://${bucket.name}`, () => bucket.iam.setPolicy({ ...policy, bindings: opened.bindings }));
  }
  return { changes, publicRead: grantsPublicRead(opened.bindings) };
}
