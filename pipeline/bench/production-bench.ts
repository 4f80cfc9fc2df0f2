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
import { createBigQueryWarehouse } from '../adapters/bigquery-warehouse.ts';
import { createDuckDBWarehouse } from '../adapters/duckdb-warehouse.ts';
import { createSampleLiveFeedFromWarehouse } from '../adapters/sample-live-feed.ts';
import { resolveOptions } from '../config.ts';
import { exporters } from '../../exporters/index.ts';
import { benchPerPlayer, type PerPlayerBaseline } from './per-player-baseline.ts';
import { benchProductionBuilds } from './production-builds.ts';
import { benchUnchangedHourly } from './production-unchanged.ts';
import type { UnchangedHourly } from './unchanged-hourly.ts';
import { benchProductionLiveTick, benchPublishFirst, type ProductionLiveTick, type PublishFirst } from './production-publish.ts';
import { PRODUCTION_PROJECT, type ProductionBuild, type ProductionDeps, type ProductionRun, type ProductionSettings, type ProductionTrigger } from './production-run.ts';
import { round } from './stats.ts';

export interface ProductionResult {
  query_latency_s: number;
  page_latency_s: number;
  storage_latency_ms: number;
  builds: Partial<Record<ProductionTrigger, ProductionBuild>>;
  publish_first: PublishFirst;
  live_tick: ProductionLiveTick;
  per_player_baseline: PerPlayerBaseline;
  /** Present when the hourly trigger was built. */
  unchanged_hourly?: UnchangedHourly;
}

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
  await deps.storage.createBucket(bucket);
  try {
    const builds = await benchProductionBuilds(run);
    const publishFirst = await benchPublishFirst(run);
    const liveTick = await benchProductionLiveTick(run);
    const perPlayer = await benchPerPlayer(run);
    const unchangedHourly = await benchUnchangedHourly(run);
    return {
      query_latency_s: round(settings.queryLatencyMs / 1000, 3), page_latency_s: round(settings.pageLatencyMs / 1000, 3), storage_latency_ms: settings.storageLatencyMs,
      builds, publish_first: publishFirst, live_tick: liveTick, per_player_baseline: perPlayer,
      ...(unchangedHourly ? { unchanged_hourly: unchangedHourly } : {}),
    };
  } finally {
    await sample.close();
  }
}

