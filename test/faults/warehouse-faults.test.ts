/**
 * Warehouse faults: every registered endpoint built on BigQuery (the real client and adapter,
 * against the loopback BigQuery server replaying the sample league's rows) while 20 % of
 * requests fail (429/500/502/503 in Google's error shape, connections dropped before or after the
 * server acted) and others stall on latency spikes. Each build either completes with exactly the
 * bytes the same rows give on DuckDB (an independent expected output), or fails cleanly: a coded
 * error naming the endpoint, no build written, and the bucket, published from the build before,
 * untouched.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createBigQueryWarehouse } from '../../pipeline/adapters/bigquery-warehouse.ts';
import { createSampleLiveFeedFromWarehouse } from '../../pipeline/adapters/sample-live-feed.ts';
import { BuildFailedError, ExportError } from '../../pipeline/errors.ts';
import type { LiveFeed, Warehouse } from '../../pipeline/ports.ts';
import { publishBuild } from '../../pipeline/publish/publish-build.ts';
import { runBuild, type BuildSummary } from '../../pipeline/run-build.ts';
import type { SchemaRegistry } from '../../pipeline/schema-registry.ts';
import { startBigQueryServer, type BigQueryTestServer } from '../helpers/bigquery-server/index.ts';
import { auditSchemas, invalidFileProblems, tornReleaseProblems } from '../helpers/bucket-audit.ts';
import { servesBuildProblems } from '../helpers/fault-builds.ts';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.ts';
import { faultSampleAsOf, openFaultSample } from '../helpers/fault-sample.ts';
import { FAULT_MIX, SPIKE_RATE } from '../helpers/fault-rates.ts';
import { useTally } from '../helpers/fault-tally.ts';
import { openTestStore, startTestGcs } from '../helpers/gcs-bucket.ts';
import type { GcsTestServer } from '../helpers/gcs-server/gcs-server.ts';
import { recordingWarehouse, replayHandler } from '../helpers/recorded-warehouse.ts';
import { stableSnapshot } from '../helpers/release-checks.ts';
import { exporters } from '../../exporters/index.ts';

/** The suite's 20 % fault mix (test/helpers/fault-rates.ts), and 10 % of requests stalled. */
const WAREHOUSE_FAULTS = { ...FAULT_MIX, spikeRate: SPIKE_RATE, spikeMs: 60 };
const TRIALS = 4;
const PREFIX = 'warehouse';
/** The codes a build may fail with when BigQuery keeps failing transiently. */
const CLEAN_WAREHOUSE_CODES = ['WarehouseUnavailable', 'QueryTimeout'];

const tally = useTally('warehouse-faults');
let duckdb: Warehouse;
let feed: LiveFeed;
let reference: BuildSummary;
let bigquery: BigQueryTestServer;
let proxy: FaultProxy;
let gcs: GcsTestServer;
let schemas: SchemaRegistry;
const dirs: string[] = [];

const tempDir = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'props-api-warehouse-faults-'));
  dirs.push(dir);
  return dir;
};

beforeAll(async () => {
  duckdb = await openFaultSample();
  feed = createSampleLiveFeedFromWarehouse(duckdb);
  const recording = recordingWarehouse(duckdb);
  reference = await runBuild({ registry: exporters, warehouseAdapter: recording.warehouse, outDir: await tempDir(), asOf: faultSampleAsOf(), liveFeed: feed });
  bigquery = await startBigQueryServer({ handler: replayHandler(recording.recorded) });
  proxy = await startFaultProxy(bigquery.url);
  gcs = await startTestGcs();
  schemas = await auditSchemas();
});
afterAll(async () => {
  await Promise.all([proxy?.close(), bigquery?.close(), gcs?.close()]);
  await duckdb?.close();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

function bigQueryThroughProxy() {
  return createBigQueryWarehouse({
    project: 'test-project', datasetProject: 'nba-props-platform', location: 'US', datasetPrefix: '',
    // Production retry policy and page size; only the backoff waits are skipped.
    maximumBytesBilled: 1_000_000_000, jobTimeoutMs: 300_000, maxRetries: 4, retryBaseDelayMs: 1_000, pageSize: 10_000,
    trigger: 'all', clientOptions: { ...bigquery.clientOptions(), apiEndpoint: proxy.url }, sleep: async () => {},
  });
}

describe('warehouse (BigQuery) with 20 % injected 429/5xx, dropped connections and latency spikes', () => {
  test('the replayed rows build exactly the DuckDB bytes without faults', async () => {
    proxy.setFaults();
    const summary = await runBuild({ registry: exporters, warehouseAdapter: bigQueryThroughProxy(), outDir: await tempDir(), asOf: faultSampleAsOf(), liveFeed: feed });
    expect(summary.manifest!.files.map((f) => `${f.path} ${f.sha256}`)).toEqual(reference.manifest!.files.map((f) => `${f.path} ${f.sha256}`));
    await publishBuild({ store: openTestStore(gcs, { prefix: PREFIX }), treeDir: summary.treeDir! });
  });

  test.for(Array.from({ length: TRIALS }, (_, i) => i + 1))('trial %i: the build completes with the DuckDB bytes, or fails cleanly naming the endpoint and writing nothing', async (trial) => {
    const outDir = await tempDir();
    const before = stableSnapshot(gcs, PREFIX);
    proxy.setFaults({ seed: trial, ...WAREHOUSE_FAULTS });
    const outcome = await runBuild({ registry: exporters, warehouseAdapter: bigQueryThroughProxy(), outDir, asOf: faultSampleAsOf(), liveFeed: feed }).then((s) => s, (error: unknown) => error as Error);
    tally.add('faults.warehouse', proxy.injected() + proxy.counts.spikes);
    proxy.setFaults();
    if (outcome instanceof Error) {
      tally.add('outcome.buildFailedCleanly');
      expect(outcome).toBeInstanceOf(BuildFailedError);
      for (const failure of (outcome as BuildFailedError).failures) {
        expect(failure).toBeInstanceOf(ExportError);
        expect(CLEAN_WAREHOUSE_CODES).toContain(failure.code);
        expect(failure.message).toContain(failure.exporterId);
      }
      expect(await readdir(outDir), 'a failed build writes nothing').toEqual([]);
      expect(stableSnapshot(gcs, PREFIX), 'the bucket is untouched').toEqual(before);
    } else {
      tally.add('outcome.buildCompleted');
      expect(outcome.manifest!.files.map((f) => `${f.path} ${f.sha256}`)).toEqual(reference.manifest!.files.map((f) => `${f.path} ${f.sha256}`));
      await publishBuild({ store: openTestStore(gcs, { prefix: PREFIX }), treeDir: outcome.treeDir! });
      expect(tally.problems('torn', servesBuildProblems(gcs, PREFIX, outcome))).toEqual([]);
    }
    expect(tally.problems('torn', tornReleaseProblems(gcs, PREFIX))).toEqual([]);
    expect(tally.problems('invalid', invalidFileProblems(gcs, PREFIX, schemas))).toEqual([]);
  });
});
