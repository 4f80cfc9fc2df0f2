/**
 * One tick of the game-night loop: build the live trigger (the live endpoints plus status) at the
 * clock's instant, commit nothing when every file is unchanged, publish what changed, and print
 * one line. A failed tick (feed down, malformed answer, …) writes none of the live files, so the
 * last good ones stay; a status-only build then records the failure (`failedEndpoints`), so
 * status.json marks those endpoints, and the loop goes on. A tick never throws.
 */
import type { BuildHistory } from '../build-history.ts';
import type { AnyExporter } from '../define-exporter.ts';
import { BuildFailedError, ExportError } from '../errors.ts';
import type { LiveFeed, Logger, Warehouse } from '../ports.ts';
import { runBuild, type BuildSummary, type RunBuildOptions } from '../run-build.ts';
import { isoInstant } from '../time.ts';
import { readsLiveFeed } from './snapshot.ts';

export interface LiveTickDeps {
  warehouse: Warehouse;
  liveFeed: LiveFeed;
  outDir: string;
  logger: Logger;
  registry: readonly AnyExporter[];
  systemId?: string;
  schemasDir?: string;
  /** Publish a committed build; resolves to a short summary for the tick's line. */
  publish?: (treeDir: string) => Promise<string>;
  /** The baseline for unchanged detection (the live release when publishing); @default the local out directory */
  baseline?: () => Promise<BuildHistory>;
}

export type TickOutcome =
  | { kind: 'written'; buildId: string; written: number; unchanged: number; treeDir: string }
  | { kind: 'unchanged'; files: number }
  | { kind: 'failed'; failedEndpoints: Record<string, string>; statusTreeDir: string | undefined };

export async function runLiveTick(at: Date, deps: LiveTickDeps): Promise<TickOutcome> {
  const asOf = isoInstant(new Date(Math.floor(at.getTime() / 1000) * 1000)); // whole seconds: build ids and stamps stay readable
  const label = `live ${asOf}`;
  const common = { asOf, warehouseAdapter: deps.warehouse, liveFeed: deps.liveFeed, outDir: deps.outDir, registry: deps.registry, systemId: deps.systemId, schemasDir: deps.schemasDir, logger: quiet(deps.logger) };
  let summary: BuildSummary;
  try {
    summary = await runBuild({ ...common, trigger: 'live', skipUnchanged: true, baseline: await deps.baseline?.() });
  } catch (error) {
    return recordFailure(error, label, common, deps);
  }
  if (summary.treeDir === undefined) {
    deps.logger.info(`${label}: unchanged (${summary.unchanged} files), nothing written`);
    return { kind: 'unchanged', files: summary.unchanged };
  }
  const published = await publishQuietly(summary.treeDir, deps);
  deps.logger.info(`${label}: ${summary.written} written, ${summary.unchanged} unchanged → ${summary.buildId}${published}`);
  return { kind: 'written', buildId: summary.buildId!, written: summary.written, unchanged: summary.unchanged, treeDir: summary.treeDir };
}

async function recordFailure(error: unknown, label: string, common: RunBuildOptions, deps: LiveTickDeps): Promise<TickOutcome> {
  const failedEndpoints = failedEndpointsOf(error, deps.registry);
  const statusOnly = deps.registry.filter((e) => e.triggers.includes('live') && !readsLiveFeed(e)).map((e) => e.id);
  let statusTreeDir: string | undefined;
  let statusNote = 'no status endpoint to mark';
  if (statusOnly.length > 0) {
    try {
      statusTreeDir = (await runBuild({ ...common, trigger: 'live', only: statusOnly, failedEndpoints, baseline: await deps.baseline?.() })).treeDir;
      statusNote = `status marks ${Object.keys(failedEndpoints).join(', ')}${statusTreeDir ? await publishQuietly(statusTreeDir, deps) : ''}`;
    } catch (statusError) {
      statusNote = `status build failed too: ${firstLine(statusError)}`;
    }
  }
  deps.logger.info(`${label}: failed [${codeOf(error)}] ${firstLine(error)}; kept the last good live files; ${statusNote}`);
  return { kind: 'failed', failedEndpoints, statusTreeDir };
}

/** Exporter id → error code of every endpoint the failed build names (the live ones when it names none). */
export function failedEndpointsOf(error: unknown, registry: readonly AnyExporter[]): Record<string, string> {
  const failures = error instanceof BuildFailedError ? error.failures : [error];
  const named: Record<string, string> = {};
  for (const failure of failures) {
    const id = failure instanceof ExportError ? failure.exporterId : undefined;
    if (id !== undefined) named[id] ??= codeOf(failure);
  }
  if (Object.keys(named).length > 0) return named;
  return Object.fromEntries(registry.filter(readsLiveFeed).map((e) => [e.id, codeOf(error)]));
}

/** The most specific code in the cause chain: a live-feed code when there is one (a render wraps LiveFeedIncomplete). */
function codeOf(error: unknown): string {
  if (error instanceof BuildFailedError && error.failures.length > 0) return codeOf(error.failures[0]);
  let code: string | undefined;
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 6; e = e.cause, depth += 1) {
    if (e instanceof ExportError) {
      code ??= e.code;
      if (e.stage === 'live') return e.code;
    }
  }
  return code ?? 'BuildFailed';
}

function firstLine(error: unknown): string {
  const target = error instanceof BuildFailedError && error.failures.length > 0 ? error.failures[0] : error;
  return (target instanceof Error ? target.message : String(target)).split('\n')[0]!;
}

async function publishQuietly(treeDir: string, deps: LiveTickDeps): Promise<string> {
  if (!deps.publish) return '';
  try {
    return `; ${await deps.publish(treeDir)}`;
  } catch (error) {
    return `; publish failed [${codeOf(error)}] ${firstLine(error)} (the next tick publishes again)`;
  }
}

/** The build's own stage lines go to debug: a tick prints one line. */
function quiet(logger: Logger): Logger {
  return { info: (m) => logger.debug(m), warn: (m) => logger.warn(m), debug: (m) => logger.debug(m), progress: () => {} };
}
