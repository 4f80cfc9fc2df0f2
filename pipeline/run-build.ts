/**
 * The build orchestrator: the stages in order, each timed and labelled.
 * plan → stamps (which endpoints an incremental build carries over, incremental.ts) → query →
 * render → validate → write. Nothing is written when any job failed.
 */
import { readFile } from 'node:fs/promises';
import { supportsDryRun } from './adapters/dry-run.ts';
import { createRenderContext } from './build-context.ts';
import { DEFAULT_QUERY_CONCURRENCY, resolveOptions, type Options, type OptionsInput } from './config.ts';
import { openWarehouse } from './warehouse-config.ts';
import type { AnyExporter } from './define-exporter.ts';
import { BuildFailedError } from './errors.ts';
import { BUILD_REPORT_FILE, type BuildManifest, type BuildReport } from './manifest.ts';
import { readLocalHistory, type BuildHistory } from './build-history.ts';
import { systemClock, type Clock, type LiveFeed, type Logger, type Warehouse } from './ports.ts';
import { createSchemaRegistry, loadSchemaFiles } from './schema-registry.ts';
import { selectExporters } from './select-exporters.ts';
import { sha256Hex } from './serialize.ts';
import { runningSourceHash } from './source-hash.ts';
import { createPathClaims, hasWork, planJobs, type BuildPlan, type PlannedEndpoint } from './stages/plan.ts';
import { assembleManifest, createTreeWriter } from './stages/write.ts';
import { writeSchemaTreeFiles } from './stages/schema-files.ts';
import type { EndpointDeps } from './build-endpoint.ts';
import { buildAllEndpoints, checkInputPlans } from './build-inputs.ts';
import { createMemoryLogger } from './logger.ts';
import { openLiveFeed } from './live/open-feed.ts';
import { logIncremental, manifestEndpoints, mayCarry, planIncremental, unknownStamps, withInputs } from './incremental.ts';

/**
 * Options (the CLI passes resolved ones; any not given resolve as `resolveOptions` does: environment,
 * config file, defaults) and what the build runs with.
 */
export interface RunBuildOptions extends OptionsInput {
  /** Exporters to choose from: the registry (exporters/index.ts), which the caller (the CLI's commands) passes in. */
  registry: readonly AnyExporter[];
  /** An open warehouse (tests); otherwise opened from `warehouse` and `bigquery`. */
  warehouseAdapter?: Warehouse;
  /** What the build replaces; @default the local out directory's history (see build-history.ts) */
  baseline?: BuildHistory;
  /** Endpoints whose refresh failed outside this build (exporter id → error code), for build inputs (status.json). */
  failedEndpoints?: Readonly<Record<string, string>>;
  /** The live-feed port for build inputs; @default opened from `feed` / `feedUrl`, only when an input asks for it */
  liveFeed?: LiveFeed;
  /** Commit nothing (no tree, `treeDir` undefined) when every file is byte-identical to the baseline. @default false */
  skipUnchanged?: boolean;
  /**
   * Carry over the live files of endpoints whose inputs are unchanged (incremental.ts) instead of
   * rebuilding them. The CLI's `build` passes true unless `--full`. @default false
   */
  incremental?: boolean;
  /** The hash of the code that determines the files, part of every inputs digest; @default `runningSourceHash()` (source-hash.ts) */
  sourceTree?: string;
  clock?: Clock;
  logger?: Logger;
  schemasDir?: string;
}

export interface BuildSummary {
  buildId: string | undefined;
  treeDir: string | undefined;
  manifest: BuildManifest | undefined;
  plan: BuildPlan;
  written: number;
  unchanged: number;
  queryCount: number;
  /** Metadata requests made to read table stamps (incremental.ts). */
  metadataRequests: number;
  /** Exporter ids whose live files were carried over. */
  carried: string[];
  seconds: number;
}

export async function runBuild(input: RunBuildOptions): Promise<BuildSummary> {
  const options = resolveOptions(input);
  const logger = input.logger ?? createMemoryLogger();
  const timings: Record<string, number> = {};
  const startedAt = new Date();
  const time = async <T>(label: string, work: () => Promise<T> | T): Promise<T> => {
    const started = performance.now();
    try { return await work(); } finally { timings[label] = Math.round(performance.now() - started); logger.debug(`${label}: ${timings[label]} ms`); }
  };
  const warehouse = input.warehouseAdapter ?? (await openWarehouse(options, { bigquery: { trigger: options.trigger, logger } }));
  try {
    const ctx = createRenderContext(options, warehouse, input.clock ?? systemClock);
    const { registry } = input;
    const plan = await time('plan', () => planJobs(selectExporters(registry, options.trigger, options.only), ctx, { registry, maxFiles: options.maxFiles }));
    const jobCount = plan.endpoints.reduce((n, e) => n + e.jobs.length, 0);
    const fromRows = plan.endpoints.filter((e) => e.fromRows).length;
    logger.info(`plan: ${plan.endpoints.length} endpoints, ${jobCount} files${fromRows > 0 ? ` + the files of ${fromRows} endpoint(s) listed by their query rows` : ''} (trigger ${ctx.trigger}, as of ${ctx.asOf}, today ${ctx.today} ET${ctx.sampleData ? ', sample data' : ''})`);
    const request = { trigger: options.trigger, only: options.only, dryRun: options.dryRun };
    checkInputPlans(plan, request, logger);
    if (options.dryRun) {
      await reportQueryEstimates(plan, warehouse, logger);
      return { buildId: undefined, treeDir: undefined, manifest: undefined, plan, written: 0, unchanged: 0, queryCount: 0, metadataRequests: 0, carried: [], seconds: elapsed(startedAt) };
    }

    const schemas = await createSchemaRegistry(input.schemasDir);
    const previous = input.baseline ?? (await readLocalHistory(options.outDir));
    const versions = { code: await packageVersion(), schema: await schemaVersion(input.schemasDir), sourceTree: input.sourceTree ?? (await runningSourceHash()) };
    // The stamp read runs alongside the queries: only an endpoint that may be carried over waits for it.
    // Unreadable stamps cost the skip, not the build: every endpoint is built and no inputs are recorded.
    const incrementalBuild = input.incremental === true;
    const stampsRead = time('stamps', () => planIncremental(plan, { warehouse, live: previous.files, incremental: incrementalBuild, versions })).catch((error: unknown) => {
      logger.warn(`table stamps could not be read, so this build carries nothing over and records no inputs: ${(error as Error).message}`);
      return unknownStamps();
    });
    const carriedOver = async (endpoint: PlannedEndpoint) => mayCarry(endpoint, ctx, incrementalBuild) && (await stampsRead).carried.has(endpoint.exporter.id);
    const writer = await createTreeWriter(options.outDir);
    const limits = { maxFileBytes: options.maxFileBytes, maxStringChars: options.maxStringChars, maxFiles: options.maxFiles };
    const deps: EndpointDeps = { ctx, warehouse, schemas, writer, previous: previous.stamps, logger, limits, plan, claims: createPathClaims(plan), carriedOver };
    const concurrency = queriesInFlight(options, warehouse);
    const liveFeed = () => input.liveFeed ?? openLiveFeed(options, warehouse, logger);
    const sources = { request, registry, previous: previous.endpoints, failedEndpoints: input.failedEndpoints ?? {}, liveFeed };
    const results = await time('build', () => buildAllEndpoints(plan, { deps, concurrency, sources, time }));
    const incremental = await stampsRead;
    logIncremental(incremental, logger);
    const failures = results.flatMap((r) => r.failures);
    if (failures.length > 0) {
      await writer.abort();
      throw new BuildFailedError(failures, `${failures.length} job(s) failed; nothing was written`);
    }
    const built = plan.endpoints.filter((_, i) => results[i]!.queried);
    const schemaFiles = await writeSchemaTreeFiles(writer, ctx, previous.stamps, input.schemasDir);
    const files = [...results.flatMap((r, i) => withInputs(r.files, incremental.inputs.get(plan.endpoints[i]!.exporter.id))), ...schemaFiles];
    const queryCount = results.filter((r) => r.queried).length;
    const manifest = assembleManifest(files, ctx, {
      queryCount, warehouse: warehouse.description,
      endpoints: manifestEndpoints(plan, results, { incremental, previous: previous.endpoints }),
      codeVersion: versions.code, schemaVersion: versions.schema,
    });
    const unchanged = files.filter((f) => previous.hashes.get(f.entry.path) === f.entry.sha256).length;
    const counts = { metadataRequests: incremental.metadataRequests, carried: [...incremental.carried] };
    if (input.skipUnchanged && unchanged === files.length) {
      await writer.abort();
      return { buildId: manifest.build.id, treeDir: undefined, manifest, plan, written: 0, unchanged, queryCount, ...counts, seconds: elapsed(startedAt) };
    }
    const report: BuildReport = {
      build_id: manifest.build.id, started_at: startedAt.toISOString(), finished_at: new Date().toISOString(), timings_ms: timings,
      query_ms: Object.fromEntries(built.map((e, i) => [e.exporter.id, Math.round(results.filter((r) => r.queried)[i]!.queryMs)])),
      written: files.length - unchanged, unchanged, failed: 0,
    };
    const treeDir = await time('commit', () => writer.commit(manifest, { [BUILD_REPORT_FILE]: `${JSON.stringify(report, null, 2)}\n` }));
    return { buildId: manifest.build.id, treeDir, manifest, plan, written: report.written, unchanged, queryCount, ...counts, seconds: elapsed(startedAt) };
  } finally {
    if (!input.warehouseAdapter) await warehouse.close();
  }
}

/** On BigQuery, a dry run per endpoint query reports the bytes it would scan (nothing is billed). */
async function reportQueryEstimates(plan: BuildPlan, warehouse: Warehouse, logger: Logger): Promise<void> {
  if (!supportsDryRun(warehouse)) return;
  for (const endpoint of plan.endpoints) {
    if (!hasWork(endpoint)) continue;
    const { exporter, jobs } = endpoint;
    const params = exporter.query.bind(plan.ctx, jobs.map((j) => j.params));
    const estimate = await warehouse.dryRun(exporter.query.sql, { label: exporter.id, params });
    logger.info(`  ${exporter.id.padEnd(24)} would scan ${(estimate.estimatedBytes / 1024 ** 2).toFixed(1)} MiB (cap ${(estimate.maximumBytesBilled / 1024 ** 3).toFixed(1)} GiB)`);
  }
}

/** Endpoints in flight: the option, else BigQuery's `queriesInFlight` setting on BigQuery, else the engine's default. */
export function queriesInFlight(options: Options, warehouse: Warehouse): number {
  if (options.queryConcurrency !== undefined) return options.queryConcurrency;
  if (warehouse.dialect === 'bigquery' && options.bigquery) return options.bigquery.queriesInFlight;
  return DEFAULT_QUERY_CONCURRENCY[warehouse.dialect];
}

const elapsed = (since: Date) => (Date.now() - since.getTime()) / 1000;

async function packageVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

async function schemaVersion(dir?: string): Promise<string> {
  const files = await loadSchemaFiles(dir);
  return sha256Hex(files.map((f) => `${f.file}\n${JSON.stringify(f.schema)}`).join('\n')).slice(0, 12);
}
