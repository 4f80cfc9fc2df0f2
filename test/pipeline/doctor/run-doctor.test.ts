/**
 * `props-api doctor` as a whole (issue 21), in-process: credentials found (a service-account key,
 * read offline) or not; the live feed key accepted or refused (loopback feed server; the key never
 * printed); a DuckDB warehouse file present or not; an unresolved warehouse and a check that hangs
 * each become a `fail` line. With credentials, BigQuery and the bucket are checked on the loopback
 * servers; without them, each is one `fail` line and neither server is asked anything.
 */
import { generateKeyPairSync } from 'node:crypto';
import { Storage } from '@google-cloud/storage';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { exporters } from '../../../exporters/index.ts';
import { createStorageClient } from '../../../pipeline/adapters/gcs-object-store.ts';
import { formatResults } from '../../../pipeline/doctor/check.ts';
import { checkCredentials } from '../../../pipeline/doctor/credentials-check.ts';
import { checkFeed } from '../../../pipeline/doctor/feed-check.ts';
import { runDoctor, summarise, type DoctorOptions } from '../../../pipeline/doctor/run-doctor.ts';
import { invalidOption } from '../../../pipeline/errors.ts';
import { completeBigQueryOptions } from '../../../pipeline/warehouse-settings.ts';
import { startBigQueryServer, type BigQueryTestServer } from '../../helpers/bigquery-server/index.ts';
import { useTally } from '../../helpers/fault-tally.ts';
import { startTestGcs, TEST_BUCKET } from '../../helpers/gcs-bucket.ts';
import type { GcsTestServer } from '../../helpers/gcs-server/gcs-server.ts';
import { startFeedServer, type FeedServer } from '../../helpers/live-feed-server.ts';

const tally = useTally('doctor-run');
const SA_EMAIL = 'publisher@nba-props-platform.iam.gserviceaccount.com';
const KEY = 'bdl-secret-key-123';
const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const goodAuth = () => new Storage({ projectId: 'nba-props-platform', credentials: { client_email: SA_EMAIL, private_key: pem } }).authClient;
const noAuth = () => new Storage({ keyFilename: '/nonexistent/props-api-doctor-key.json' }).authClient;

let feed: FeedServer;
let gcs: GcsTestServer;
let bigquery: BigQueryTestServer;
beforeAll(async () => { [feed, gcs, bigquery] = await Promise.all([startFeedServer(), startTestGcs(), startBigQueryServer()]); });
afterAll(async () => { await Promise.all([feed?.close(), gcs?.close(), bigquery?.close()]); });

test('credentials: a service-account key names its identity; none fails with CredentialsNotFound and how to log in', async () => {
  tally.add('badInputs');
  expect(await checkCredentials(goodAuth())).toEqual({ check: 'credentials', status: 'ok', message: `Application Default Credentials: ${SA_EMAIL} (service account key), project nba-props-platform` });
  const missing = await checkCredentials(noAuth());
  expect(missing).toMatchObject({ status: 'fail', code: 'CredentialsNotFound' });
  expect(missing.hint).toMatch(/gcloud auth application-default login/);
});

test('feed.key: an accepted key is ok, a refused or missing one fails, and the key is never printed', async () => {
  tally.add('badInputs', 2);
  feed.play([{ body: { data: [], meta: { per_page: 1 } } }]);
  const accepted = await checkFeed({ baseUrl: feed.baseUrl, apiKey: KEY });
  expect(accepted).toMatchObject({ status: 'ok', message: `${feed.baseUrl}/box_scores/live?per_page=1 accepted the key (HTTP 200)` });
  expect(feed.requests).toEqual([{ path: '/v1/box_scores/live?per_page=1', authorization: KEY }]);
  feed.play([{ status: 401, body: { error: 'Unauthorized' } }]);
  const refused = await checkFeed({ baseUrl: feed.baseUrl, apiKey: KEY });
  expect(refused).toMatchObject({ status: 'fail', code: 'LiveFeedRejected', message: `${feed.baseUrl}/box_scores/live?per_page=1 refused the key (HTTP 401)` });
  expect(feed.requests).toHaveLength(1);
  expect(await checkFeed({ baseUrl: feed.baseUrl, apiKey: undefined })).toMatchObject({ status: 'fail', code: 'LiveFeedRejected', message: 'BALLDONTLIE_API_KEY is not set' });
  expect(JSON.stringify([accepted, refused]) + formatResults([accepted, refused])).not.toContain(KEY);
});

const options = (overrides: Partial<DoctorOptions>): DoctorOptions => ({ registry: exporters, warehouse: { kind: 'duckdb', path: '/nonexistent/w.duckdb' }, ...overrides });
const deps = (auth = goodAuth()) => ({ auth, storage: createStorageClient({ endpoint: gcs.url }), bigqueryClientOptions: bigquery.clientOptions() });

test('without credentials, BigQuery and the bucket are one fail line each and no server is asked', async () => {
  tally.add('badInputs');
  const before = { bq: bigquery.requests.length, gcs: gcs.log.length };
  const results = await runDoctor(options({ warehouse: { kind: 'bigquery', bigquery: completeBigQueryOptions({ project: 'nba-props-platform' }) }, bucket: { name: TEST_BUCKET, prefix: '' } }), deps(noAuth()));
  expect(results.map((r) => [r.check, r.status, r.code])).toEqual([
    ['credentials', 'fail', 'CredentialsNotFound'], ['bigquery', 'fail', 'CredentialsNotFound'], ['bucket', 'fail', 'CredentialsNotFound'],
  ]);
  expect(results.every((r) => r.hint)).toBe(true);
  expect({ bq: bigquery.requests.length, gcs: gcs.log.length }).toEqual(before);
  expect(summarise(results)).toBe('doctor: 0 ok, 0 warn, 3 fail');
});

test('with credentials the bucket is checked on the server; a DuckDB file is found or not; a bad warehouse setting is a fail line', async () => {
  tally.add('badInputs', 2);
  const results = await runDoctor(options({ warehouse: { kind: 'duckdb', path: 'package.json' }, bucket: { name: TEST_BUCKET, prefix: 'api' } }), deps());
  expect(results.map((r) => r.check)).toEqual(['credentials', 'warehouse', 'bucket.exists', 'bucket.location', 'bucket.uniform-access', 'bucket.cors', 'bucket.lifecycle', 'bucket.public-read', 'bucket.write']);
  expect(results.slice(0, 2).map((r) => r.status)).toEqual(['ok', 'ok']);
  const missing = await runDoctor(options({}), deps());
  expect(missing).toEqual([expect.objectContaining({ check: 'warehouse', status: 'fail', code: 'WarehouseNotFound' })]);
  const invalid = await runDoctor(options({ warehouse: { kind: 'invalid', error: invalidOption('--bq-project', 'a Google Cloud project id', undefined) } }), deps());
  expect(invalid).toEqual([expect.objectContaining({ check: 'warehouse', status: 'fail', code: 'InvalidOption', hint: expect.stringContaining('docs/bigquery.md') })]);
});

test('a check that does not answer in time is a fail line, and the doctor ends', async () => {
  tally.add('faults.feed');
  feed.play([{ hang: true }]);
  const results = await runDoctor(options({ warehouse: { kind: 'duckdb', path: 'package.json' }, feed: { baseUrl: feed.baseUrl, apiKey: KEY, timeoutMs: 60_000 } }), { ...deps(), timeoutMs: 200 });
  expect(results[1]).toMatchObject({ check: 'feed.key', status: 'fail', code: 'DoctorCheckFailed', message: 'no answer within 0.2 s' });
});
