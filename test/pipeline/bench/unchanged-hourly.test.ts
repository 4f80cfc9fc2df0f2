/**
 * Issue 20: the unchanged-hourly measure against the loopback BigQuery server (replaying the
 * sample league's rows through the real client) and the loopback GCS server. The hourly
 * endpoints read four datasets (by their SQL: trends.* read nba_analytics, nba_raw and
 * nba_reference; status.status reads nba_predictions and nba_raw), so the stamps take four
 * metadata requests, whatever the number of tables.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exporters } from '../../../exporters/index.ts';
import { createBigQueryWarehouse, type BigQueryWarehouse } from '../../../pipeline/adapters/bigquery-warehouse.ts';
import { createDuckDBWarehouse } from '../../../pipeline/adapters/duckdb-warehouse.ts';
import { measureUnchangedHourly } from '../../../pipeline/bench/unchanged-hourly.ts';
import { createFixedClock, type ObjectStore } from '../../../pipeline/ports.ts';
import { publishBuild } from '../../../pipeline/publish/publish-build.ts';
import { runBuild } from '../../../pipeline/run-build.ts';
import { TABLE_NAMES } from '../../../pipeline/sample-league/ddl.ts';
import { startBigQueryServer, type BigQueryTestServer } from '../../helpers/bigquery-server/index.ts';
import { TEST_OPTIONS } from '../../helpers/bigquery-server/test-warehouse.ts';
import { useLoopbackBucket } from '../../helpers/gcs-bucket.ts';
import { recordingWarehouse, replayHandler } from '../../helpers/recorded-warehouse.ts';
import { defaultSample } from '../../helpers/shared-sample.ts';

const HOUR_MS = 3_600_000;
const bucket = useLoopbackBucket('unchanged-hourly');
let dir: string;
let server: BigQueryTestServer;
let bigquery: BigQueryWarehouse;
let t0: number;
const at = (ms: number) => createFixedClock(new Date(t0 + ms).toISOString());

beforeAll(async () => {
  const sample = await defaultSample();
  t0 = Date.parse(sample.asOfInstant);
  dir = await mkdtemp(path.join(os.tmpdir(), 'unchanged-hourly-'));
  const recording = recordingWarehouse(await createDuckDBWarehouse({ path: sample.dbPath }));
  try {
    await runBuild({ registry: exporters, trigger: 'hourly', warehouseAdapter: recording.warehouse, outDir: path.join(dir, 'duckdb'), asOf: sample.asOfInstant });
  } finally {
    await recording.warehouse.close();
  }
  server = await startBigQueryServer({ handler: replayHandler(recording.recorded) });
  for (const table of TABLE_NAMES) server.tableModifiedTimes.set(table, '2025-03-15T08:00:00.000Z');
  bigquery = createBigQueryWarehouse({ ...TEST_OPTIONS, trigger: 'hourly', clientOptions: server.clientOptions(), sleep: async () => {} });
}, 300_000);
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

async function publishFirstHourly(store: ObjectStore): Promise<void> {
  const outDir = await mkdtemp(path.join(dir, 'first-'));
  const first = await runBuild({ registry: exporters, trigger: 'hourly', warehouseAdapter: bigquery, outDir, clock: at(0), incremental: true });
  expect(first.queryCount).toBe(4);
  expect((await publishBuild({ store, treeDir: first.treeDir!, clock: at(60_000) })).committed).toBe(true);
}

describe('measureUnchangedHourly (issue 20)', { timeout: 300_000 }, () => {
  test('no source change: no trend query, one metadata request per dataset, only status.json uploaded', async () => {
    const store = bucket.store();
    await publishFirstHourly(store);
    const before = server.jobCounts();
    const measured = await measureUnchangedHourly({ registry: exporters, warehouse: bigquery, store, outDir: path.join(dir, 'second'), clock: at(HOUR_MS) });
    const after = server.jobCounts();
    // status.json is rebuilt by every build (its freshness follows the clock): its one query and its one file.
    expect(measured).toEqual({ queries: 1, metadata_requests: 4, uploads: 1, rebuilt: ['status.status'], datasets: 4, always_rebuilt: ['status.status'], uploaded_by: ['status.status'] });
    expect({ queries: after.queries - before.queries, metadata: after.metadata - before.metadata }).toEqual({ queries: 1, metadata: 4 });
  });

  test('a changed BigQuery table rebuilds the endpoints reading it, and no others', async () => {
    const store = bucket.store();
    await publishFirstHourly(store);
    server.tableModifiedTimes.set('nba_analytics.upcoming_player_game_context', new Date(t0 + HOUR_MS).toISOString());
    const measured = await measureUnchangedHourly({ registry: exporters, warehouse: bigquery, store, outDir: path.join(dir, 'changed'), clock: at(2 * HOUR_MS) });
    expect(measured.rebuilt).toEqual(['trends.tonight-plays', 'status.status']);
    expect(measured.metadata_requests).toBe(4);
    server.tableModifiedTimes.set('nba_analytics.upcoming_player_game_context', '2025-03-15T08:00:00.000Z');
  });
});
