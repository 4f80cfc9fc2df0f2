/**
 * `npm run bench`, the orchestrator: for each scale, a cached sample warehouse, a full build in its
 * own process, the write floor of its tree and the time its queries take alone; then publish counts on the smallest scale's tree
 * (first, no-op, one-hour change, naive baseline), the live tick, and the production section
 * (production-bench.ts: BigQuery and GCS latencies). Every ratio is taken within this one run, on
 * this machine, so a busy machine moves both sides.
 */
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ExportError } from '../errors.ts';
import type { Logger } from '../ports.ts';
import { runBuild } from '../run-build.ts';
import { HOUR_MS } from '../time.ts';
import { resolveBenchOptions, type BenchOptions } from './bench-options.ts';
import { machineInfo, type BenchResults, type ScaleResult } from './bench-results.ts';
import { round } from './stats.ts';
import { evaluateTargets } from './bench-targets.ts';
import { ensureBenchWarehouse } from './bench-warehouse.ts';
import { benchLiveTick } from './live-tick-bench.ts';
import { measureBuild, type BuildMeasure } from './measure-build.ts';
import { runProductionBench, type ProductionResult } from './production-bench.ts';
import type { BenchBigQueryServer, BenchStorageServer } from './production-run.ts';
import { benchPublish, type CountingGcsServer } from './publish-bench.ts';
import { measureWarehouseFloor, type WarehouseFloor } from './warehouse-floor.ts';
import { measureWriteFloor, type WriteFloor } from './write-floor.ts';
import { exporters } from '../../exporters/index.ts';

export const BENCH_BUCKET = 'props-api-bench';

export interface RunBenchDeps {
  /** The loopback GCS server publishes go to (a bucket named `BENCH_BUCKET` is created on it). */
  server: CountingGcsServer;
  logger: Logger;
  /** The latency-injected servers of the production section (needed unless `production` is `no`). */
  production?: { bigquery: BenchBigQueryServer; storage: BenchStorageServer };
}

/** The production section alone, on the 1-season sample (`npm run bench -- --production`). */
export async function runProduction(input: Partial<BenchOptions>, deps: RunBenchDeps): Promise<ProductionResult> {
  const options = resolveBenchOptions(input);
  if (!deps.production) throw new ExportError('BuildFailed', 'Internal error: the production bench needs its latency-injected BigQuery and GCS servers');
  const warehouse = await ensureBenchWarehouse({ cacheDir: options.cacheDir, seasons: 1, playersPerTeam: options.playersPerTeam });
  deps.logger.info(`production: BigQuery ${options.queryLatencyMs} ms per job + ${options.pageLatencyMs} ms per page, GCS ${options.storageLatencyMs} ± ${options.storageJitterMs} ms per request`);
  return runProductionBench({
    warehousePath: warehouse.path, asOfInstant: warehouse.asOfInstant, runDir: path.resolve(options.cacheDir, 'run', 'production'), bucket: BENCH_BUCKET,
    queryLatencyMs: options.queryLatencyMs, pageLatencyMs: options.pageLatencyMs, storageLatencyMs: options.storageLatencyMs, ticks: options.ticks, tickStepMs: options.tickStepMs,
  }, { ...deps.production, logger: deps.logger });
}

export async function runBench(input: Partial<BenchOptions>, deps: RunBenchDeps): Promise<BenchResults> {
  const options = resolveBenchOptions(input);
  const { logger, server } = deps;
  const loadStart = os.loadavg();
  const runDir = path.resolve(options.cacheDir, 'run');
  await rm(runDir, { recursive: true, force: true });
  const scales: Record<string, ScaleResult> = {};
  const built: { seasons: number; warehousePath: string; asOfInstant: string; outDir: string; treeDir: string }[] = [];
  for (const seasons of options.scales) {
    const warehouse = await ensureBenchWarehouse({ cacheDir: options.cacheDir, seasons, playersPerTeam: options.playersPerTeam, onProgress: (label, done, total) => logger.progress(`seed ${seasons}: ${label}`, done, total) });
    logger.info(`seasons ${seasons}: warehouse ${warehouse.seeded ? 'generated' : 'reused'} (${warehouse.path}); building`);
    const outDir = path.join(runDir, `seasons-${seasons}`, 'out');
    const build = await measureBuild({ warehousePath: warehouse.path, outDir, trigger: 'all', ...(options.cpuProfileDir ? { cpuProfileDir: options.cpuProfileDir } : {}) });
    const runs = options.floorRuns === undefined ? {} : { runs: options.floorRuns };
    const floor = await measureWriteFloor({ treeDir: build.treeDir, scratchDir: path.join(runDir, `seasons-${seasons}`, 'floor'), ...runs });
    const queriesAlone = await measureWarehouseFloor({ warehousePath: warehouse.path, ...runs });
    scales[String(seasons)] = scaleResult(build, floor, queriesAlone, warehouse.seeded);
    const { cpu_user_s: user, cpu_system_s: system, v8_heap_at_peak_mb: heap } = scales[String(seasons)]!;
    logger.info(`seasons ${seasons}: ${build.files} files in ${build.seconds.toFixed(2)} s (write floor ${floor.seconds.toFixed(3)} s, queries alone ${queriesAlone.seconds.toFixed(2)} s; CPU ${user.toFixed(1)} s user + ${system.toFixed(1)} s system), peak RSS ${build.peakRssMb.toFixed(0)} MB (V8 heap ${heap.toFixed(0)} MB)`);
    built.push({ seasons, warehousePath: warehouse.path, asOfInstant: warehouse.asOfInstant, outDir, treeDir: build.treeDir });
  }
  const base = built[0]!;
  server.createBucket(BENCH_BUCKET);
  logger.info(`publish: ${base.seasons} season tree to the loopback bucket`);
  const publish = await benchPublish({
    server, bucket: BENCH_BUCKET, treeDir: base.treeDir,
    rebuildHourly: async () => (await runBuild({
      registry: exporters,
      trigger: 'hourly', warehouse: `duckdb:${base.warehousePath}`, outDir: base.outDir, asOf: new Date(Date.parse(base.asOfInstant) + HOUR_MS).toISOString(),
    })).treeDir!,
  });
  logger.info(`live: ${options.ticks} ticks, ${options.tickStepMs / 60_000} min apart`);
  const liveTick = await benchLiveTick({ warehousePath: base.warehousePath, server, bucket: BENCH_BUCKET, ticks: options.ticks, stepMs: options.tickStepMs });
  const production = options.production === 'no' ? {} : { production: await runProduction(options, deps) };
  const results = {
    machine: machineInfo(loadStart), date: new Date().toISOString(), scales, publish, live_tick: liveTick,
    settings: { publish_scale: base.seasons, players_per_team: options.playersPerTeam, tick_step_min: options.tickStepMs / 60_000 }, ...production,
  };
  return { ...results, targets: evaluateTargets(results) };
}

export function scaleResult(build: BuildMeasure, floor: WriteFloor, queriesAlone: WarehouseFloor, seeded: boolean, cores = os.cpus().length): ScaleResult {
  const { cpuUserS, cpuSystemS, heapAtPeakMb } = build.usage;
  const endpointIds = new Set(build.endpointIds);
  const queries = build.queryLabels.filter((label) => endpointIds.has(label)).length;
  return {
    build_s: round(build.seconds, 3),
    floor_s: round(floor.seconds, 4),
    floor_min_s: round(floor.fastest, 4),
    floor_max_s: round(floor.slowest, 4),
    ratio: round(build.seconds / floor.seconds, 1),
    queries_alone_s: round(queriesAlone.seconds, 3),
    queries_alone_ratio: round(queriesAlone.seconds / floor.seconds, 1),
    files: build.files,
    bytes: build.bytes,
    files_per_s: round(build.files / build.seconds, 1),
    peak_rss_mb: round(build.peakRssMb, 1),
    v8_heap_at_peak_mb: round(heapAtPeakMb, 1),
    cpu_user_s: round(cpuUserS, 2),
    cpu_system_s: round(cpuSystemS, 2),
    cpu_busy: round((cpuUserS + cpuSystemS) / (build.seconds * cores), 2),
    queries,
    endpoints: endpointIds.size,
    manifest_queries: build.manifestQueries,
    other_queries: build.queryLabels.length - queries,
    seeded,
  };
}
