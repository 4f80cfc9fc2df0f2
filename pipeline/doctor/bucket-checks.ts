/**
 * The bucket checks of `props-api doctor`, through the real `@google-cloud/storage` client, against
 * the settings `props-api bucket-config` sets (pipeline/publish/bucket-config.ts, whose definitions
 * give the expected values): the bucket exists and where, uniform access, CORS, the lifecycle rule
 * on the build prefixes, public read and no public write, and that the identity may write: a probe
 * object under `PREFIX/doctor-probe/` is created and deleted again.
 */
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Bucket, BucketMetadata } from '@google-cloud/storage';
import { desiredBucketConfig, grantsPublicRead, withoutPublicWrite, type CorsEntry, type IamBinding, type LifecycleRule } from '../publish/bucket-config.ts';
import { statusOf } from '../publish/retry.ts';
import { firstLine, ok, problem, type CheckResult } from './check.ts';

export interface BucketCheckOptions {
  bucket: Bucket;
  /** The API root inside the bucket (`gs://NAME/PREFIX`), '' for the bucket root. */
  prefix: string;
  /** Origins CORS must allow exactly; undefined accepts any. */
  origins?: readonly string[];
  /** Location the warehouse runs in, compared with the bucket's. */
  warehouseLocation?: string;
}

/** Where the write probe goes, under the API root. */
export const PROBE_PREFIX = 'doctor-probe/';

export async function checkBucket(options: BucketCheckOptions): Promise<CheckResult[]> {
  const { bucket } = options;
  const where = `gs://${bucket.name}`;
  let metadata: BucketMetadata;
  try {
    [metadata] = await bucket.getMetadata();
  } catch (error) {
    const status = statusOf(error);
    if (status === 404) return [problem('fail', 'bucket.exists', 'BucketNotFound', `${where} does not exist`, `Create it: gcloud storage buckets create ${where} --location=US --uniform-bucket-level-access (docs/operations.md)`)];
    if (status === 401 || status === 403) return [problem('fail', 'bucket.exists', 'BucketAccessDenied', `reading ${where} was refused (HTTP ${status}): ${firstLine(error)}`, 'Grant the identity roles/storage.admin or roles/storage.legacyBucketReader on the bucket')];
    throw error;
  }
  const desired = desiredBucketConfig({ origins: options.origins ?? [], keepDays: 1, prefix: options.prefix });
  return [
    ok('bucket.exists', `${where} exists (${metadata.storageClass ?? 'STANDARD'})`),
    locationFinding(String(metadata.location ?? ''), options.warehouseLocation),
    metadata.iamConfiguration?.uniformBucketLevelAccess?.enabled === true
      ? ok('bucket.uniform-access', 'uniform bucket-level access is on (no object ACLs)')
      : problem('fail', 'bucket.uniform-access', 'BucketSettingMismatch', `${where} has per-object ACLs (uniform bucket-level access is off)`, applyHint(where)),
    corsFinding(where, (metadata.cors ?? []) as CorsEntry[], desired.cors[0]!, options.origins !== undefined),
    lifecycleFinding(where, (metadata.lifecycle?.rule ?? []) as LifecycleRule[], desired.lifecycleRule),
    ...await iamFindings(bucket),
    await writeProbe(bucket, options.prefix),
  ];
}

const applyHint = (where: string) => `Run props-api bucket-config --bucket ${where} --apply`;

function locationFinding(location: string, warehouse: string | undefined): CheckResult {
  if (warehouse === undefined || location.toLowerCase() === warehouse.toLowerCase()) return ok('bucket.location', `${location}${warehouse ? ', as the warehouse' : ''}`);
  return problem('warn', 'bucket.location', 'BucketLocation', `the bucket is in ${location}, the warehouse in ${warehouse}`, 'Not required, but one location keeps latency and egress down; a bucket cannot move, so create a new one to change it');
}

function corsFinding(where: string, actual: readonly CorsEntry[], wanted: CorsEntry, exactOrigins: boolean): CheckResult {
  const entry = actual.find((e) => ['GET', 'HEAD'].every((m) => e.method?.includes(m)));
  const gaps: string[] = [];
  if (!entry) gaps.push('no entry allows GET and HEAD');
  else {
    const missing = wanted.responseHeader.filter((h) => !entry.responseHeader?.some((r) => r.toLowerCase() === h.toLowerCase()));
    if (missing.length > 0) gaps.push(`response headers lack ${missing.join(', ')}`);
    if (entry.maxAgeSeconds !== wanted.maxAgeSeconds) gaps.push(`maxAgeSeconds is ${entry.maxAgeSeconds ?? 'unset'}, not ${wanted.maxAgeSeconds}`);
    if (exactOrigins && !isDeepStrictEqual([...(entry.origin ?? [])].sort(), [...wanted.origin].sort())) gaps.push(`origins are ${(entry.origin ?? []).join(', ') || 'none'}, not ${wanted.origin.join(', ')}`);
    if ((entry.origin ?? []).length === 0) gaps.push('no origin is allowed');
  }
  if (gaps.length === 0) return ok('bucket.cors', `GET/HEAD from ${entry!.origin.join(', ')}, exposing ${wanted.responseHeader.join(', ')}`);
  return problem('fail', 'bucket.cors', 'BucketSettingMismatch', `${where} CORS: ${gaps.join('; ')}; browsers on the website cannot read the API as they should`, `${applyHint(where)} (with --origin for your website's origins)`);
}

function lifecycleFinding(where: string, rules: readonly LifecycleRule[], wanted: LifecycleRule): CheckResult {
  const rule = rules.find((r) => r.action?.type === 'Delete' && isDeepStrictEqual(r.condition?.matchesPrefix ?? [], wanted.condition.matchesPrefix));
  if (rule) return ok('bucket.lifecycle', `${wanted.condition.matchesPrefix!.join(', ')} deleted after ${rule.condition.age ?? '?'} days`);
  return problem('warn', 'bucket.lifecycle', 'BucketSettingMismatch', `no lifecycle rule deletes ${wanted.condition.matchesPrefix!.join(', ')}: staged builds are kept, and billed, forever`, `${applyHint(where)} (--keep-days N sets how long rollback targets are kept)`);
}

async function iamFindings(bucket: Bucket): Promise<CheckResult[]> {
  let bindings: IamBinding[];
  try {
    const [policy] = await bucket.iam.getPolicy({ requestedPolicyVersion: 3 });
    bindings = (policy.bindings ?? []) as IamBinding[];
  } catch (error) {
    return [problem('warn', 'bucket.public-read', 'BucketAccessDenied', `the IAM policy could not be read (${firstLine(error)}), so public read and write are unknown`, 'Run doctor as an identity with storage.buckets.getIamPolicy (roles/storage.admin) to check them')];
  }
  const results: CheckResult[] = [];
  const publicWrite = withoutPublicWrite(bindings).removed;
  if (publicWrite.length > 0) results.push(problem('fail', 'bucket.public-write', 'BucketPublicWrite', `the public holds more than object read: ${publicWrite.join('; ')}`, `${applyHint(`gs://${bucket.name}`)} (it removes them)`));
  results.push(grantsPublicRead(bindings)
    ? ok('bucket.public-read', 'allUsers may read objects (roles/storage.objectViewer)')
    : problem('warn', 'bucket.public-read', 'BucketNotPublic', 'allUsers may not read objects: browsers and a CDN origin without credentials get 403', `${applyHint(`gs://${bucket.name}`)} --public, unless a CDN reads the bucket with its own identity`));
  return results;
}

async function writeProbe(bucket: Bucket, prefix: string): Promise<CheckResult> {
  const probes = `${prefix ? `${prefix}/` : ''}${PROBE_PREFIX}`;
  const name = `${probes}${randomUUID()}.txt`;
  const where = `gs://${bucket.name}/${name}`;
  const hint = 'Grant the publishing identity roles/storage.objectAdmin on the bucket (create, overwrite and delete objects)';
  try {
    await bucket.file(name).save('props-api doctor write probe\n', { resumable: false, preconditionOpts: { ifGenerationMatch: 0 }, metadata: { cacheControl: 'no-store', contentType: 'text/plain' } });
  } catch (error) {
    return problem('fail', 'bucket.write', 'BucketWriteDenied', `writing ${where} failed (HTTP ${statusOf(error) ?? '?'}): ${firstLine(error)}`, hint);
  }
  try {
    await bucket.file(name).delete();
  } catch (error) {
    return problem('fail', 'bucket.write', 'BucketWriteDenied', `wrote ${where} but could not delete it (HTTP ${statusOf(error) ?? '?'}): ${firstLine(error)}; delete it by hand`, hint);
  }
  return ok('bucket.write', `wrote and deleted a probe object under ${probes}`);
}
