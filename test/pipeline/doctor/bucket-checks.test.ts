/**
 * `props-api doctor --bucket gs://NAME[/PREFIX]` (issue 21) through the real GCS client against the
 * loopback server: a bucket `bucket-config --public --apply` has set passes every check, and each
 * setting undone (or the write refused) fails or warns with its code. The expected CORS and
 * lifecycle values are spelled out here from docs (GET/HEAD, the four exposed headers, an hour of
 * preflight cache; delete `<prefix>/builds/`), not taken from the checker.
 */
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { createStorageClient } from '../../../pipeline/adapters/gcs-object-store.ts';
import { checkBucket } from '../../../pipeline/doctor/bucket-checks.ts';
import type { CheckResult } from '../../../pipeline/doctor/check.ts';
import { useTally } from '../../helpers/fault-tally.ts';
import { startTestGcs, TEST_BUCKET } from '../../helpers/gcs-bucket.ts';
import type { GcsTestServer } from '../../helpers/gcs-server/gcs-server.ts';

const tally = useTally('doctor-bucket');
const ORIGINS = ['https://nbaprops.com', 'https://www.nbaprops.com'];
const CORS = [{ origin: ORIGINS, method: ['GET', 'HEAD'], responseHeader: ['Content-Type', 'Cache-Control', 'ETag', 'Content-Length', 'If-None-Match'], maxAgeSeconds: 3600 }];
const LIFECYCLE = { rule: [{ action: { type: 'Delete' }, condition: { age: 30, matchesPrefix: ['api/builds/'] } }] };
const PUBLISHER = 'serviceAccount:publisher@p.iam.gserviceaccount.com';

let server: GcsTestServer;
beforeAll(async () => { server = await startTestGcs(); });
afterAll(() => server?.close());
beforeEach(() => {
  server.setFaults();
  const bucket = server.state.bucket(TEST_BUCKET);
  bucket.fields = { cors: CORS, lifecycle: LIFECYCLE, iamConfiguration: { uniformBucketLevelAccess: { enabled: true } } };
  bucket.iamPolicy = { version: 1, etag: 'CAE=', bindings: [{ role: 'roles/storage.objectAdmin', members: [PUBLISHER] }, { role: 'roles/storage.objectViewer', members: ['allUsers'] }] };
});

const check = (options: { bucket?: string; origins?: string[]; warehouseLocation?: string } = {}) =>
  checkBucket({ bucket: createStorageClient({ endpoint: server.url }).bucket(options.bucket ?? TEST_BUCKET), prefix: 'api', origins: options.origins, warehouseLocation: options.warehouseLocation ?? 'US' });
const byCheck = (results: CheckResult[]) => Object.fromEntries(results.map((r) => [r.check, r]));

test('a bucket set as bucket-config sets it passes every check, and the write probe leaves nothing behind', async () => {
  const results = await check({ origins: ORIGINS });
  expect(results.map((r) => [r.check, r.status])).toEqual([
    ['bucket.exists', 'ok'], ['bucket.location', 'ok'], ['bucket.uniform-access', 'ok'], ['bucket.cors', 'ok'],
    ['bucket.lifecycle', 'ok'], ['bucket.public-read', 'ok'], ['bucket.write', 'ok'],
  ]);
  expect(byCheck(results)['bucket.lifecycle']!.message).toBe('api/builds/ deleted after 30 days');
  expect(server.log.filter((r) => r.operation === 'objects.insert').map((r) => r.object)).toEqual([expect.stringMatching(/^api\/doctor-probe\/[\w-]+\.txt$/)]);
  expect(server.log.filter((r) => r.operation === 'objects.delete')).toHaveLength(1);
  expect([...server.state.bucket(TEST_BUCKET).objects.keys()]).toEqual([]);
});

test('each setting undone fails or warns with its code and a bucket-config hint', async () => {
  tally.add('badInputs', 6);
  const bucket = server.state.bucket(TEST_BUCKET);
  bucket.fields = { location: 'EUROPE-WEST1', cors: [{ ...CORS[0], responseHeader: ['Content-Type'], maxAgeSeconds: 60 }], lifecycle: { rule: [] } };
  bucket.iamPolicy = { version: 1, etag: 'CAE=', bindings: [{ role: 'roles/storage.objectAdmin', members: [PUBLISHER, 'allUsers'] }] };
  const results = byCheck(await check({ origins: ['https://example.com'] }));
  expect(results['bucket.location']).toMatchObject({ status: 'warn', code: 'BucketLocation', message: 'the bucket is in EUROPE-WEST1, the warehouse in US' });
  expect(results['bucket.uniform-access']).toMatchObject({ status: 'fail', code: 'BucketSettingMismatch' });
  expect(results['bucket.cors']).toMatchObject({ status: 'fail', code: 'BucketSettingMismatch' });
  expect(results['bucket.cors']!.message).toMatch(/response headers lack Cache-Control, ETag, Content-Length, If-None-Match; maxAgeSeconds is 60, not 3600; origins are https:\/\/nbaprops\.com, https:\/\/www\.nbaprops\.com, not https:\/\/example\.com/);
  expect(results['bucket.lifecycle']).toMatchObject({ status: 'warn', code: 'BucketSettingMismatch', message: expect.stringContaining('no lifecycle rule deletes api/builds/') });
  expect(results['bucket.public-write']).toMatchObject({ status: 'fail', code: 'BucketPublicWrite', message: 'the public holds more than object read: allUsers from roles/storage.objectAdmin' });
  expect(results['bucket.public-read']).toMatchObject({ status: 'warn', code: 'BucketNotPublic' });
  for (const r of Object.values(results).filter((r) => r.check !== 'bucket.location' && r.status !== 'ok')) expect(r.hint).toContain(`props-api bucket-config --bucket gs://${TEST_BUCKET} --apply`);
});

test('a missing bucket fails with BucketNotFound and the command that creates it', async () => {
  tally.add('badInputs');
  const results = await check({ bucket: 'no-such-bucket' });
  expect(results).toEqual([expect.objectContaining({ check: 'bucket.exists', status: 'fail', code: 'BucketNotFound', message: 'gs://no-such-bucket does not exist' })]);
  expect(results[0]!.hint).toMatch(/gcloud storage buckets create gs:\/\/no-such-bucket --location=US --uniform-bucket-level-access/);
});

test('a refused write fails with BucketWriteDenied', async () => {
  tally.add('faults.storage');
  server.setFaults({ errorRate: 1, errorStatuses: [403], filter: (info) => info.operation === 'objects.insert' });
  const results = byCheck(await check());
  expect(results['bucket.write']).toMatchObject({ status: 'fail', code: 'BucketWriteDenied', message: expect.stringMatching(/^writing gs:\/\/props-api-test\/api\/doctor-probe\/[\w-]+\.txt failed \(HTTP 403\)/) });
  expect(results['bucket.write']!.hint).toMatch(/roles\/storage\.objectAdmin/);
});
