/**
 * `--bucket` → a store. A `gs://` store is opened without loading the GCS client, which is
 * imported at its first request: the commands that take a bucket, and a `file://` store, load no
 * cloud client at all (checked in a fresh process, whose `require.cache` lists every CommonJS
 * module it loaded: the storage client pulls in `google-auth-library` and its own CommonJS
 * files). Once it makes requests, the lazily opened store keeps the `ObjectStore` contract on the
 * loopback server.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openObjectStore } from '../../../pipeline/publish/open-store.ts';
import { REPO_ROOT } from '../../helpers/child-bundle.ts';
import { FAST_RETRY, startTestGcs, TEST_BUCKET } from '../../helpers/gcs-bucket.ts';
import type { GcsTestServer } from '../../helpers/gcs-server/gcs-server.ts';
import { describeObjectStoreContract } from '../../helpers/object-store-contract.ts';

let server: GcsTestServer;
let dir = '';
let caseNumber = 0;
beforeAll(async () => {
  server = await startTestGcs();
  dir = await mkdtemp(path.join(tmpdir(), 'open-store-'));
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const CHILD = `
import { createRequire } from 'node:module';
const { loadCommand } = await import('./pipeline/commands/index.ts');
for (const name of ['build', 'seed', 'publish', 'live', 'releases', 'rollback', 'graded']) await loadCommand(name);
const { openObjectStore } = await import('./pipeline/publish/open-store.ts');
await openObjectStore('file://' + process.argv[1]).list('');
const remote = openObjectStore('gs://props-api-lazy/site');
const cloud = Object.keys(createRequire(process.cwd() + '/').cache).filter((file) => /[\\\\/]node_modules[\\\\/](@google-cloud|google-auth-library)[\\\\/]/.test(file));
process.stdout.write(JSON.stringify({ cloud, description: remote.description, requests: remote.requestCount() }));`;

test('the bucket commands and a store that has made no request load no cloud client', () => {
  const run = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD, dir], { cwd: REPO_ROOT, encoding: 'utf8' });
  expect(JSON.parse(run)).toEqual({ cloud: [], description: 'gs://props-api-lazy/site', requests: 0 });
});

test('the first request opens the client: the requests are counted from then on', async () => {
  const store = openObjectStore(`gs://${TEST_BUCKET}/lazy`, { endpoint: server.url, retry: FAST_RETRY });
  expect(store.requestCount()).toBe(0);
  expect(await store.list('')).toEqual([]);
  expect(store.requestCount()).toBeGreaterThan(0);
  expect(store.description).toBe(`gs://${TEST_BUCKET}/lazy`);
});

describeObjectStoreContract('gs:// store opened by openObjectStore (loopback server)', async () => openObjectStore(`gs://${TEST_BUCKET}/contract-${++caseNumber}`, { endpoint: server.url, retry: FAST_RETRY }));
