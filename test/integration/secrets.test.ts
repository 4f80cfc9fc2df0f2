/**
 * No secret leaks (issue 11). The real CLI runs as an operator would, in child processes whose
 * environment holds fake secrets: the balldontlie API key (actually sent to the loopback feed,
 * which checks it), a Google service-account key file, OAuth access tokens and an HMAC secret
 * (the GCS client sends no credentials to a custom endpoint, and any attempt to reach Google
 * would meet a dead proxy: nothing leaves loopback). It builds everything, publishes, runs a live
 * tick that publishes, and a live tick whose feed answers an error page echoing the key. Then
 * every captured output line, every file the runs wrote (manifests, build reports, status.json,
 * every payload) and every object in the bucket is searched for every secret.
 *
 * BigQuery runs in-process against the loopback server (its bearer token is the credential):
 * retried faults, an access-denied failure and the printed error chains never show the token.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fg from 'fast-glob';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createBigQueryWarehouse } from '../../pipeline/adapters/bigquery-warehouse.ts';
import { createSampleLiveFeedFromWarehouse } from '../../pipeline/adapters/sample-live-feed.ts';
import { formatErrorChain } from '../../pipeline/errors.ts';
import { gameNightDate } from '../../pipeline/live/game-night.ts';
import { createMemoryLogger } from '../../pipeline/logger.ts';
import { runBuild } from '../../pipeline/run-build.ts';
import { startPagedFeedServer, type PagedFeedServer } from '../helpers/balldontlie-pages-server.ts';
import { startBigQueryServer, TEST_TOKEN } from '../helpers/bigquery-server/index.ts';
import { cliBundle } from '../helpers/child-bundle.ts';
import { minutesAfter } from '../helpers/fault-builds.ts';
import { faultSampleAsOf, faultSamplePath, openFaultSample } from '../helpers/fault-sample.ts';
import { startTestGcs, TEST_BUCKET } from '../helpers/gcs-bucket.ts';
import type { GcsTestServer } from '../helpers/gcs-server/gcs-server.ts';
import { bucketObjects, decodedBody } from '../helpers/release-checks.ts';
import { recordingWarehouse, replayHandler } from '../helpers/recorded-warehouse.ts';
import { exporters } from '../../exporters/index.ts';

/** The shipped entry point; the other runs use the CLI's bundle (same code, a fraction of the start-up CPU). */
const CLI = new URL('../../scripts/props-api.js', import.meta.url).pathname;
const SECRETS = {
  feedKey: 'bdl-FAKE-SECRET-4b1c9e2d7a',
  privateKey: 'FAKE-GCP-PRIVATE-KEY-9d8c7b6a5f',
  privateKeyId: 'fake-key-id-0e1f2a3b4c',
  accessToken: 'ya29.FAKE-ACCESS-TOKEN-77aa88bb',
  hmacSecret: 'FAKE-HMAC-SECRET-5e6f7a8b9c',
};

let dir = '';
let gcs: GcsTestServer;
let feed: PagedFeedServer;
let bundle = '';
const captured: string[] = [];

beforeAll(async () => {
  bundle = await cliBundle();
  dir = await mkdtemp(path.join(tmpdir(), 'props-api-secrets-'));
  gcs = await startTestGcs();
  feed = await startPagedFeedServer({ apiKey: SECRETS.feedKey });
  const warehouse = await openFaultSample();
  try {
    const asOf = minutesAfter(faultSampleAsOf(), 3);
    feed.setGames((await createSampleLiveFeedFromWarehouse(warehouse).fetchSnapshot({ gameDate: gameNightDate(asOf), asOf })).games);
  } finally {
    await warehouse.close();
  }
  await writeFile(path.join(dir, 'service-account.json'), JSON.stringify({
    type: 'service_account', project_id: 'nba-props-platform', private_key_id: SECRETS.privateKeyId,
    private_key: `-----BEGIN PRIVATE KEY-----\n${SECRETS.privateKey}\n-----END PRIVATE KEY-----\n`, client_email: 'publisher@nba-props-platform.iam.gserviceaccount.com',
  }));
});
afterAll(async () => {
  await Promise.all([gcs?.close(), feed?.close()]);
  await rm(dir, { recursive: true, force: true });
});

/** One CLI run (the bundle unless `script` is given) with the fake secrets in its environment; its stdout and stderr are kept. */
function cli(args: string[], script = bundle): Promise<{ code: number | null; output: string }> {
  const env = {
    ...process.env,
    BALLDONTLIE_API_KEY: SECRETS.feedKey,
    GOOGLE_APPLICATION_CREDENTIALS: path.join(dir, 'service-account.json'),
    GOOGLE_OAUTH_ACCESS_TOKEN: SECRETS.accessToken,
    CLOUDSDK_AUTH_ACCESS_TOKEN: SECRETS.accessToken,
    GCS_HMAC_SECRET: SECRETS.hmacSecret,
    PROPS_API_FEED: 'http',
    PROPS_API_FEED_URL: feed.url,
    METADATA_SERVER_DETECTION: 'none',
    // Anything that tried to reach Google would go to a closed port instead: nothing leaves loopback.
    HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9', NO_PROXY: '127.0.0.1,localhost',
    DEBUG: 'props-api',
  };
  const child = spawn(process.execPath, [script, ...args], { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => {
    captured.push(`$ props-api ${args.join(' ')}\n${output}`);
    resolve({ code, output });
  }));
}

/** A secret shows when any 10 characters of it do: a truncated quote of a key is a leak too. */
const LEAK_CHARS = 10;
function leaks(text: string, secrets: readonly string[]): string[] {
  return secrets.filter((secret) => Array.from({ length: secret.length - LEAK_CHARS + 1 }, (_, i) => secret.slice(i, i + LEAK_CHARS)).some((piece) => text.includes(piece)));
}

describe('no secret in logs, manifests, status or errors', () => {
  test('build, publish and live ticks through the CLI, with fake secrets in the environment', { timeout: 120_000 }, async () => {
    const warehouse = `duckdb:${faultSamplePath()}`;
    const bucket = [`--bucket`, `gs://${TEST_BUCKET}/site`, '--endpoint', gcs.url];
    const build = await cli(['build', '--warehouse', warehouse, '--out', 'out', '--verbose']);
    expect(build.code, build.output).toBe(0);
    expect((await cli(['publish', ...bucket, '--out', 'out', '--verbose'])).code).toBe(0);
    const tick = await cli(['live', '--warehouse', warehouse, '--out', 'out', '--as-of', minutesAfter(faultSampleAsOf(), 3), '--publish', ...bucket, '--verbose']);
    expect(tick.code, tick.output).toBe(0);
    // The feed now answers a body that echoes the key (some proxies do): the tick fails cleanly.
    feed.setRaw([`${SECRETS.feedKey} is not a valid key`]);
    const failed = await cli(['live', '--warehouse', warehouse, '--out', 'out', '--as-of', minutesAfter(faultSampleAsOf(), 6), '--publish', ...bucket, '--verbose']);
    expect(failed.code, failed.output).toBe(1);
    expect(failed.output).toMatch(/LiveFeedMalformed/);
    const bad = await cli(['build', '--warehouse', 'duckdb:/nonexistent/warehouse.duckdb', '--out', 'out', '--verbose'], CLI);
    expect(bad.code).not.toBe(0);

    expect(feed.requests.some((r) => r.keyMatched), 'the key was used').toBe(true);
    const secrets = Object.values(SECRETS);
    const problems: string[] = [];
    for (const run of captured) problems.push(...leaks(run, secrets).map((s) => `output of ${run.split('\n')[0]} shows ${s}`));
    for (const file of await fg('out/**/*', { cwd: dir, dot: true })) {
      const text = await readFile(path.join(dir, file), 'latin1');
      problems.push(...leaks(text, secrets).map((s) => `${file} holds ${s}`));
    }
    for (const [name, object] of bucketObjects(gcs)) problems.push(...leaks(decodedBody(object).toString('latin1'), secrets).map((s) => `gs://${TEST_BUCKET}/${name} holds ${s}`));
    expect(problems).toEqual([]);
    expect((await fg('out/*/manifest.json', { cwd: dir })).length).toBeGreaterThanOrEqual(2);
    expect(bucketObjects(gcs).has('site/v1/status.json')).toBe(true);
  });

  test('BigQuery retries, failures and error chains never show the credential', async () => {
    const duckdb = await openFaultSample();
    const recording = recordingWarehouse(duckdb);
    const server = await startBigQueryServer();
    const logger = createMemoryLogger();
    try {
      await runBuild({ registry: exporters, warehouseAdapter: recording.warehouse, outDir: path.join(dir, 'bq-ref'), asOf: faultSampleAsOf(), only: ['results', 'trends'] });
      server.setHandler(replayHandler(recording.recorded));
      server.injectFault({ route: 'jobs.insert', kind: 'backendError', times: 3 });
      server.injectFault({ route: 'jobs.getQueryResults', kind: 'drop', times: 2 });
      const bigquery = createBigQueryWarehouse({
        project: 'nba-props-platform', datasetProject: 'nba-props-platform', location: 'US', datasetPrefix: '', maximumBytesBilled: 1e12, jobTimeoutMs: 60_000,
        maxRetries: 4, retryBaseDelayMs: 1, pageSize: 10_000, clientOptions: server.clientOptions(), sleep: async () => {}, logger,
      });
      const built = await runBuild({ registry: exporters, warehouseAdapter: bigquery, outDir: path.join(dir, 'bq'), asOf: faultSampleAsOf(), only: ['results', 'trends'], logger });
      server.injectFault({ route: 'jobs.insert', kind: 'accessDenied', times: 50 });
      const error = await runBuild({ registry: exporters, warehouseAdapter: bigquery, outDir: path.join(dir, 'bq-denied'), asOf: faultSampleAsOf(), only: ['results'], logger }).then(() => undefined, (e: unknown) => e);
      expect(formatErrorChain(error)).toMatch(/WarehouseAccessDenied/);
      const texts = [logger.lines.join('\n'), formatErrorChain(error, true), JSON.stringify(built.manifest)];
      for (const file of await fg('bq/**/*', { cwd: dir })) texts.push(await readFile(path.join(dir, file), 'utf8'));
      expect(logger.lines.some((line) => /retry 1\/4/.test(line)), 'retries were logged').toBe(true);
      expect(texts.flatMap((text) => leaks(text, [TEST_TOKEN]))).toEqual([]);
    } finally {
      await server.close();
      await duckdb.close();
    }
  });
});
