/**
 * The live tick as the game-night loop runs it (`runLiveTick`: one feed poll → build of the live
 * trigger → publish of what changed), timed over `ticks` ticks against the sample replay, with the
 * clock moving `stepMs` per tick from the sample's as-of night. The publish goes through the real
 * GCS client to the loopback server, under its own prefix, with the live release as the baseline
 * (as `props-api live --publish` does). Ticks run back to back: no waiting between them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDuckDBWarehouse } from '../adapters/duckdb-warehouse.ts';
import { createGcsObjectStore } from '../adapters/gcs-object-store.ts';
import { createSampleLiveFeedFromWarehouse } from '../adapters/sample-live-feed.ts';
import { historyFromRelease } from '../build-history.ts';
import { runLiveTick, type TickOutcome } from '../live/live-tick.ts';
import { createMemoryLogger } from '../logger.ts';
import type { Clock, LiveFeed, ObjectStore, Warehouse } from '../ports.ts';
import { withPrefix } from '../publish/open-store.ts';
import { readLiveRelease } from '../publish/live-release.ts';
import { publishBuild } from '../publish/publish-build.ts';
import { exporters } from '../../exporters/index.ts';
import type { CountingGcsServer } from './publish-bench.ts';
import { median, percentile } from './stats.ts';

export interface LiveTickBenchOptions {
  /** A sample-league DuckDB file. */
  warehousePath: string;
  server: CountingGcsServer;
  bucket: string;
  ticks: number;
  stepMs: number;
}

export interface LiveTickBench {
  median_ms: number;
  p95_ms: number;
  ticks: number;
  /** Ticks that committed a build (the rest found every file unchanged). */
  written: number;
  failed: number;
}

export async function benchLiveTick(options: LiveTickBenchOptions): Promise<LiveTickBench> {
  const warehouse = await createDuckDBWarehouse({ path: options.warehousePath });
  const store = withPrefix(createGcsObjectStore({ bucket: options.bucket, endpoint: options.server.url }), 'live');
  try {
    const start = new Date(warehouse.sample?.asOfInstant ?? Date.now()).getTime();
    return await timeLiveTicks({ warehouse, liveFeed: createSampleLiveFeedFromWarehouse(warehouse), store, start, ticks: options.ticks, stepMs: options.stepMs });
  } finally {
    await warehouse.close();
  }
}

export interface TimeLiveTicksOptions {
  /** The warehouse the live builds query. */
  warehouse: Warehouse;
  liveFeed: LiveFeed;
  /** Where the ticks publish (the live release is the baseline). */
  store: ObjectStore;
  /** The first tick's instant, epoch milliseconds. */
  start: number;
  ticks: number;
  stepMs: number;
  /** Run before each tick, outside its time. */
  beforeTick?: (at: Date) => Promise<void>;
}

/** `ticks` live ticks back to back, the clock `stepMs` apart, each timed from feed poll to publish. */
export async function timeLiveTicks(options: TimeLiveTicksOptions): Promise<LiveTickBench> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'props-api-bench-live-'));
  const { store } = options;
  try {
    let now = options.start;
    const clock: Clock = { now: () => new Date(now) };
    const deps = {
      warehouse: options.warehouse, liveFeed: options.liveFeed, outDir, logger: createMemoryLogger(), registry: exporters,
      publish: async (treeDir: string) => `${(await publishBuild({ store, treeDir, clock })).stage.uploaded} uploaded`,
      baseline: async () => historyFromRelease((await readLiveRelease(store)).manifest, exporters),
    };
    const times: number[] = [];
    const outcomes: TickOutcome[] = [];
    for (let tick = 0; tick < options.ticks; tick += 1) {
      now = options.start + tick * options.stepMs;
      await options.beforeTick?.(clock.now());
      const started = performance.now();
      outcomes.push(await runLiveTick(clock.now(), deps));
      times.push(performance.now() - started);
    }
    return {
      median_ms: Math.round(median(times)), p95_ms: Math.round(percentile(times, 95)), ticks: times.length,
      written: outcomes.filter((o) => o.kind === 'written').length, failed: outcomes.filter((o) => o.kind === 'failed').length,
    };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}
