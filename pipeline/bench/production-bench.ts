/**
 * `npm run bench -- --production` (issue 20): what a build waits for where production runs. Every
 * trigger is built on the BigQuery adapter against a loopback BigQuery server with a latency model
 * (per job, per result page) that answers each endpoint with the rows the 1-season DuckDB sample
 * gives for the same trigger and instant, and published to a loopback GCS server with a
 * per-request latency. Each measure has a limit taken on the same servers in the same run, so the
 * ratio says how far the pipeline is from what the latencies allow, not how fast this machine is.
 *
 * The measures are sections, run in order on one shared `ProductionRun`; a section reads what an
 * earlier one left there (the `all` tree, the weekly wall) and returns its piece of the results.
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { BigQueryOptions as ClientOptions } from '@google-cloud/bigquery';
import { createBigQueryWarehouse } from '../adapters/bigquery-warehouse.ts';
import { createDuckDBWarehouse } from '../adapters/duckdb-warehouse.ts';
import { createSampleLiveFeedFromWarehouse } from '../adapters/sample-live-feed.ts';
import { resolveOptions, type Options } from '../config.ts';
import type { Trigger } from '../define-exporter.ts';
import type { LiveFeed, Logger, Warehouse, WarehouseRow } from '../ports.ts';
import type { BigQueryOptions } from '../warehouse-settings.ts';
import { exporters } from '../../exporters/index.ts';
import { round } from './bench-results.ts';
import { benchPerPlayer, type BaselineEndpoint, type PerPlayerBaseline } from './per-player-baseline.ts';
import { benchProductionBuilds, type ProductionBuild } from './production-builds.ts';
import { benchProductionLiveTick, benchPublishFirst, type ProductionLiveTick, type PublishFirst } from './production-publish.ts';
import type { CountingGcsServer } from './publish-bench.ts';

/** The triggers a production bench builds, `all` first (its tree is what the first publish sends). */
export const PRODUCTION_TRIGGERS = ['all', 'daily', 'tonight', 'hourly', 'weekly', 'live'] as const satisfies readonly (Trigger | 'all')[];
export type ProductionTrigger = (typeof PRODUCTION_TRIGGERS)[number];

/**
 * The loopback BigQuery server as the bench drives it: in its own process for the bench, so its
 * encoding of result pages (BigQuery's own work) takes no CPU from the build it serves
 * (test/helpers/bigquery-server/server-process.ts), or in-process for tests.
 */
export interface BenchBigQueryServer {
  clientOptions(): ClientOptions;
  /**
   * From when it resolves, answer each job with the rows recorded under its endpoint label; with
   * `narrowBy`, only the rows whose column of that name equals the job's parameter of that name.
   */
  replay(recorded: ReadonlyMap<string, readonly WarehouseRow[]>, narrowBy?: string): Promise<void>;
}

export interface ProductionSettings {
  /** The latencies the servers were started with (stated in the results). */
  queryLatencyMs: number;
  pageLatencyMs: number;
  storageLatencyMs: number;
  ticks: number;
  tickStepMs: number;
  /** The triggers to build, in order. @default PRODUCTION_TRIGGERS (tests pass fewer; the first publish then sends the first one's tree) */
  triggers?: readonly ProductionTrigger[];
  /** The N+1 baseline's endpoint, the trigger that builds it and its fan-out column. @default BASELINE (per-player-baseline.ts) */
  baseline?: BaselineEndpoint;
}

export interface ProductionDeps {
  bigquery: BenchBigQueryServer;
  /** A loopback GCS server with the storage latency; the bench creates its bucket. */
  storage: CountingGcsServer;
  logger: Logger;
}

export interface ProductionResult {
  query_latency_s: number;
  page_latency_s: number;
  storage_latency_ms: number;
  builds: Partial<Record<ProductionTrigger, ProductionBuild>>;
  publish_first: PublishFirst;
  live_tick: ProductionLiveTick;
  per_player_baseline: PerPlayerBaseline;
}

/** What the sections share. */
export interface ProductionRun {
  settings: ProductionSettings;
  deps: ProductionDeps;
  /** The DuckDB sample: the rows the BigQuery server answers with, and the live feed. */
  sample: Warehouse;
  feed: LiveFeed;
  asOf: string;
  runDir: string;
  bucket: string;
  /** Options of a BigQuery build (the bench project; every other setting resolved as a build resolves it). */
  options: Options & { bigquery: BigQueryOptions };
  /** The BigQuery adapter on the loopback server, with the trigger's job label. */
  openBigQuery(trigger: Trigger | 'all'): Warehouse;
  /** Filled by the builds section. */
  builds: Partial<Record<ProductionTrigger, ProductionBuild & { treeDir: string; recorded: Map<string, WarehouseRow[]> }>>;
}

export const PRODUCTION_PROJECT = 'props-api-bench';

export interface ProductionBenchOptions extends ProductionSettings {
  warehousePath: string;
  asOfInstant: string;
  runDir: string;
  bucket: string;
}

export async function runProductionBench(input: ProductionBenchOptions, deps: ProductionDeps): Promise<ProductionResult> {
  const { warehousePath, asOfInstant, runDir, bucket, ...settings } = input;
  await rm(runDir, { recursive: true, force: true });
  await mkdir(runDir, { recursive: true });
  const sample = await createDuckDBWarehouse({ path: warehousePath });
  const options = resolveOptions({ warehouse: 'bigquery', bigquery: { project: PRODUCTION_PROJECT } }) as ProductionRun['options'];
  const run: ProductionRun = {
    settings, deps, sample, feed: createSampleLiveFeedFromWarehouse(sample), asOf: asOfInstant, runDir, bucket, options, builds: {},
    openBigQuery: (trigger) => createBigQueryWarehouse({ ...options.bigquery, trigger, clientOptions: deps.bigquery.clientOptions() }),
  };
  deps.storage.createBucket(bucket);
  try {
    const builds = await benchProductionBuilds(run);
    const publishFirst = await benchPublishFirst(run);
    const liveTick = await benchProductionLiveTick(run);
    const perPlayer = await benchPerPlayer(run);
    return {
      query_latency_s: round(settings.queryLatencyMs / 1000, 3), page_latency_s: round(settings.pageLatencyMs / 1000, 3), storage_latency_ms: settings.storageLatencyMs,
      builds, publish_first: publishFirst, live_tick: liveTick, per_player_baseline: perPlayer,
    };
  } finally {
    await sample.close();
  }
}

/** Wall seconds of `work`, and its value. */
export async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { seconds: (performance.now() - started) / 1000, value };
}
