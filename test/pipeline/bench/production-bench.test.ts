/**
 * The production section of `npm run bench` (issue 20) on the shared one-season sample, with
 * latencies of a few milliseconds on in-process loopback servers, kept cheap: the live trigger
 * only (the weekly build of players.profile decodes 40,000 rows twice), so the N+1 baseline fans
 * status.status out per game instead of players.profile per player. Checks the results shape,
 * that every ratio is the quotient of the measured values it reports, and the counts that do not
 * depend on this machine's speed; never a time.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatProduction } from '../../../pipeline/bench/bench-results.ts';
import { productionTargets } from '../../../pipeline/bench/bench-targets.ts';
import type { BaselineEndpoint } from '../../../pipeline/bench/production-run.ts';
import { runProductionBench, type ProductionResult } from '../../../pipeline/bench/production-bench.ts';
import { param, sql } from '../../../pipeline/sql.ts';
import { DEFAULT_PUBLISH_CONCURRENCY } from '../../../pipeline/publish/publish-build.ts';
import { createMemoryLogger } from '../../../pipeline/logger.ts';
import { startBigQueryServer, type BigQueryTestServer } from '../../helpers/bigquery-server/index.ts';
import { startGcsServer, type GcsTestServer } from '../../helpers/gcs-server/gcs-server.ts';
import { benchStorageServer } from '../../helpers/gcs-server/server-process.ts';
import { benchBigQueryServer } from '../../helpers/recorded-warehouse.ts';
import { defaultSample } from '../../helpers/shared-sample.ts';

const LATENCY = { queryLatencyMs: 4, pageLatencyMs: 2, storageLatencyMs: 2 };
const PER_GAME: BaselineEndpoint = {
  endpoint: 'status.status', trigger: 'live', column: 'game_id',
  narrow: (query) => sql`SELECT * FROM (${query}) AS s WHERE s.game_id = ${param.string('game_id')}`,
};

let dir: string;
let bigquery: BigQueryTestServer;
let storage: GcsTestServer;
let result: ProductionResult;

beforeAll(async () => {
  const sample = await defaultSample();
  dir = await mkdtemp(path.join(os.tmpdir(), 'bench-production-'));
  bigquery = await startBigQueryServer({ latency: { jobMs: LATENCY.queryLatencyMs, pageMs: LATENCY.pageLatencyMs } });
  storage = await startGcsServer({ faults: { latencyMs: LATENCY.storageLatencyMs, latencyJitterMs: 1 } });
  result = await runProductionBench(
    { warehousePath: sample.dbPath, asOfInstant: sample.asOfInstant, runDir: dir, bucket: 'bench', ...LATENCY, ticks: 2, tickStepMs: 180_000, triggers: ['live', 'hourly'], baseline: PER_GAME },
    { bigquery: benchBigQueryServer(bigquery), storage: benchStorageServer(storage), logger: createMemoryLogger() },
  );
}, 300_000);
afterAll(async () => {
  await Promise.all([bigquery?.close(), storage?.close()]);
  await rm(dir, { recursive: true, force: true });
});

describe('production bench', () => {
  test('results have the committed shape and state the latencies they ran with', () => {
    expect(Object.keys(result)).toEqual(['query_latency_s', 'page_latency_s', 'storage_latency_ms', 'builds', 'publish_first', 'live_tick', 'per_player_baseline', 'unchanged_hourly']);
    expect(result).toMatchObject({ query_latency_s: 0.004, page_latency_s: 0.002, storage_latency_ms: 2 });
    expect(Object.keys(result.builds)).toEqual(['live', 'hourly']);
    for (const build of Object.values(result.builds)) expect(Object.keys(build)).toEqual(['wall_s', 'limit_s', 'ratio', 'queries', 'slowest_query_s', 'local_s']);
    expect(Object.keys(result.publish_first)).toEqual(['wall_s', 'limit_s', 'ratio', 'requests', 'concurrency']);
    expect(Object.keys(result.live_tick)).toEqual(['median_s', 'p95_s']);
    expect(Object.keys(result.per_player_baseline)).toEqual(['queries', 'wall_s', 'ratio_to_build']);
    expect(Object.keys(result.unchanged_hourly!)).toEqual(['queries', 'metadata_requests', 'uploads', 'rebuilt', 'datasets', 'always_rebuilt', 'uploaded_by']);
  });

  /** `ratio` (2 decimals) is the quotient of `wall` and `limit` as they were before rounding to 3 decimals. */
  const expectQuotient = (ratio: number, wall: number, limit: number) => {
    const half = 0.0005;
    expect(ratio).toBeGreaterThanOrEqual((wall - half) / (limit + half) - 0.005);
    expect(ratio).toBeLessThanOrEqual((wall + half) / (limit - half) + 0.005);
  };

  test('every ratio is the quotient of the values it stands beside', () => {
    for (const build of Object.values(result.builds)) {
      expect(build.slowest_query_s).toBeGreaterThan(0);
      // Issue 20's limit: the slowest query alone plus the local build (each rounded to 3 decimals).
      expect(Math.abs(build.limit_s - (build.slowest_query_s + build.local_s))).toBeLessThanOrEqual(0.0015);
      expectQuotient(build.ratio, build.wall_s, build.limit_s);
    }
    const first = result.publish_first;
    expect(first.concurrency).toBe(DEFAULT_PUBLISH_CONCURRENCY);
    expect(first.limit_s).toBeCloseTo((first.requests * LATENCY.storageLatencyMs) / 1000 / first.concurrency, 3);
    expectQuotient(first.ratio, first.wall_s, first.limit_s);
    const baseline = result.per_player_baseline;
    expect(baseline.ratio_to_build).toBeCloseTo(baseline.wall_s / result.builds.live!.wall_s, 0);
    expect(result.live_tick.median_s).toBeLessThanOrEqual(result.live_tick.p95_s);
  });

  test('counts: the build queries once per endpoint, the first publish sends its files, the baseline once per game', () => {
    expect(result.builds.live!.queries).toBe(3); // live.scores, live.grading and status.status
    expect(result.publish_first.requests).toBeGreaterThan(3); // the files, then the release manifest and pointers
    // status.status lists the games of its grading window: more than one night's, one query each.
    expect(result.per_player_baseline.queries).toBeGreaterThan(10);
  });

  test('the targets judge the ratios against 1.5, the live tick against 3 s and the unchanged hourly build, and the table shows every trigger', () => {
    const verdicts = productionTargets(result);
    expect(verdicts.map((v) => v.met)).toEqual([
      Object.values(result.builds).every((b) => b.ratio <= 1.5), result.publish_first.ratio <= 1.5, result.live_tick.median_s <= 3, true,
    ]);
    const table = formatProduction(result).join('\n');
    expect(table).toMatch(/\| live \| [\d.]+ \| [\d.]+ \| [\d.]+× \| 3 \|/);
    expect(table).toContain(`${result.publish_first.requests} requests, ${DEFAULT_PUBLISH_CONCURRENCY} in flight`);
  });

  test('an hourly build with no table changed queries only status (rebuilt every time), reads the stamps once per dataset and uploads only status.json', () => {
    // The hourly trigger: three trend endpoints and status.status. Their SQL reads tables in four
    // datasets (nba_analytics, nba_raw, nba_reference; status.status nba_predictions); status.json records
    // when each endpoint was checked, so its bytes change. It alone of them is declared `rebuild: 'always'`.
    expect(result.unchanged_hourly).toEqual({ queries: 1, metadata_requests: 4, uploads: 1, rebuilt: ['status.status'], datasets: 4, always_rebuilt: ['status.status'], uploaded_by: ['status.status'] });
  });
});

