/**
 * Endpoints in flight by engine (issue 20, `queriesInFlight` in run-build.ts): on BigQuery a build
 * runs its endpoint queries together, up to the `bigquery.queriesInFlight` setting (counted as
 * jobs running at once in the loopback BigQuery server, whose jobs take 250 ms, long enough for every insert of a build to land while the first runs); on DuckDB it keeps
 * two in flight, whatever the BigQuery setting says.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createBigQueryWarehouse } from '../../pipeline/adapters/bigquery-warehouse.ts';
import type { OptionsInput } from '../../pipeline/config.ts';
import { createFixedClock, type Warehouse } from '../../pipeline/ports.ts';
import { runBuild } from '../../pipeline/run-build.ts';
import { startBigQueryServer, type BigQueryTestServer } from '../helpers/bigquery-server/index.ts';
import { TEST_OPTIONS } from '../helpers/bigquery-server/test-warehouse.ts';
import { param, sql, table } from '../../pipeline/sql.ts';
import { toyExporter, writeToySchemas } from '../helpers/toy-exporters.ts';

/** More endpoints than the old BigQuery default of 4 endpoints in flight. */
const ENDPOINTS = 9;
const registry = Array.from({ length: ENDPOINTS }, (_, i) => toyExporter({ id: `toy.e${i}`, path: `toy/e${i}/{date}.json`, aliases: undefined }));

let schemasDir: string;
let server: BigQueryTestServer;
let outRoot: string;
beforeAll(async () => {
  [schemasDir, server, outRoot] = await Promise.all([writeToySchemas(), startBigQueryServer({ latency: { jobMs: 250 } }), mkdtemp(path.join(os.tmpdir(), 'in-flight-'))]);
  await bigQueryPeak(5); // the client's first requests load its modules: warm, so no insert of the measured builds waits on that
});
afterAll(async () => {
  await server.close();
  await rm(outRoot, { recursive: true, force: true });
});

const build = (warehouseAdapter: Warehouse, options: OptionsInput) =>
  runBuild({ registry, schemasDir, warehouseAdapter, outDir: path.join(outRoot, String(Math.random())), clock: createFixedClock('2025-03-15T16:00:00Z'), ...options });

function bigQueryPeak(queriesInFlight?: number): Promise<number> {
  server.counter.peakRunning = 0;
  const warehouse = createBigQueryWarehouse({ ...TEST_OPTIONS, clientOptions: server.clientOptions() });
  const bigquery = { project: TEST_OPTIONS.project, ...(queriesInFlight ? { queriesInFlight } : {}) };
  return build(warehouse, { warehouse: 'bigquery', bigquery }).then(() => server.counter.peakRunning);
}

/** A DuckDB-dialect warehouse whose queries take 20 ms, counting how many were in flight at once. */
function countingDuckDB(): Warehouse & { peak: number } {
  let running = 0;
  const warehouse = {
    dialect: 'duckdb' as const, description: 'counting', peak: 0,
    async query() {
      warehouse.peak = Math.max(warehouse.peak, ++running);
      await delay(20);
      running -= 1;
      return [];
    },
    async close() {},
  };
  return warehouse;
}

describe('endpoint queries in flight', () => {
  test('BigQuery runs every endpoint of the build at once by default', async () => {
    expect(await bigQueryPeak()).toBe(ENDPOINTS);
  });

  test('bigquery.queriesInFlight caps it', async () => {
    expect(await bigQueryPeak(3)).toBe(3);
  });

  test('DuckDB keeps two in flight, whatever BigQuery settings the environment holds', async () => {
    const warehouse = countingDuckDB();
    process.env.PROPS_API_BQ_QUERIES_IN_FLIGHT = '80';
    try {
      await build(warehouse, { warehouse: 'duckdb:unused.duckdb' });
    } finally {
      delete process.env.PROPS_API_BQ_QUERIES_IN_FLIGHT;
    }
    expect(warehouse.peak).toBe(2);
  });

  test.each([['0'], ['101'], ['many']])('PROPS_API_BQ_QUERIES_IN_FLIGHT=%s is refused before any query', async (value) => {
    const warehouse = countingDuckDB();
    const env = { PROPS_API_BQ_QUERIES_IN_FLIGHT: value, PROPS_API_BQ_PROJECT: TEST_OPTIONS.project };
    const { resolveOptions } = await import('../../pipeline/config.ts');
    expect(() => resolveOptions({ warehouse: 'bigquery' }, { env, file: {} }))
      .toThrow(`Expected \`PROPS_API_BQ_QUERIES_IN_FLIGHT\` to be an integer from 1 to 100 (BigQuery's concurrent query limit per project), got \`${value}\` (string)`);
    expect(warehouse.peak).toBe(0);
  });
});

/**
 * The table stamps of an incremental build (incremental.ts) are one metadata job per dataset. Only
 * an endpoint the build may carry over waits for them; the others' queries run alongside (on
 * BigQuery a wait is a whole job round).
 */
describe('the table-stamp read and the endpoint queries', () => {
  const base = toyExporter();
  const reading = { ...base.query, sql: sql`SELECT game_date, player, points FROM ${table('nba_raw', 't')} WHERE game_date BETWEEN ${param.date('from')} AND ${param.date('to')}` };
  const stamped = (rebuild?: 'always') => Array.from({ length: 3 }, (_, i) => toyExporter({ id: `toy.s${i}`, path: `toy/s${i}/{date}.json`, aliases: undefined, query: reading, ...(rebuild ? { rebuild } : {}) }));

  async function peakWithStamps(exporters: ReturnType<typeof stamped>, incremental: boolean): Promise<{ peak: number; metadata: number }> {
    server.counter.peakRunning = 0;
    const before = server.jobCounts().metadata;
    const warehouseAdapter = createBigQueryWarehouse({ ...TEST_OPTIONS, clientOptions: server.clientOptions() });
    await runBuild({ registry: exporters, schemasDir, warehouseAdapter, outDir: path.join(outRoot, String(Math.random())), clock: createFixedClock('2025-03-15T16:00:00Z'), warehouse: 'bigquery', bigquery: { project: TEST_OPTIONS.project }, incremental });
    return { peak: server.counter.peakRunning, metadata: server.jobCounts().metadata - before };
  }

  test('a full build runs its queries alongside the stamp read', async () => {
    expect(await peakWithStamps(stamped(), false)).toEqual({ peak: 4, metadata: 1 });
  });

  test('an incremental build queries an endpoint it may carry over only after the stamps', async () => {
    expect(await peakWithStamps(stamped(), true)).toEqual({ peak: 3, metadata: 1 });
  });

  test('an endpoint rebuilt every time does not wait for the stamps, in an incremental build too', async () => {
    expect(await peakWithStamps(stamped('always'), true)).toEqual({ peak: 4, metadata: 1 });
  });

  test('stamps that cannot be read cost the skip, not the build: a warning, every endpoint built, no inputs recorded', async () => {
    const warnings: string[] = [];
    const logger = { info() {}, debug() {}, progress() {}, warn: (message: string) => warnings.push(message) };
    const warehouse = { ...countingDuckDB(), tableStamps: () => Promise.reject(new Error('metadata unavailable')) };
    const summary = await runBuild({ registry: stamped(), schemasDir, warehouseAdapter: warehouse, logger, outDir: path.join(outRoot, String(Math.random())), clock: createFixedClock('2025-03-15T16:00:00Z'), warehouse: 'duckdb:unused.duckdb', incremental: true });
    expect(warnings).toEqual([expect.stringMatching(/^table stamps could not be read, so this build carries nothing over and records no inputs: metadata unavailable$/)]);
    expect(summary.carried).toEqual([]);
    expect(summary.queryCount).toBe(3);
    expect(summary.manifest!.files.filter((file) => file.inputs !== undefined)).toEqual([]);
  });
});

