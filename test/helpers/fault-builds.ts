/**
 * Real builds of every registered endpoint on the fault suite's sample league, and checks that a
 * bucket serves a build exactly. Builds use the sample live feed (the night replayed at the
 * build's instant), so live ticks a few minutes apart give real, different live files.
 */
import { createSampleLiveFeedFromWarehouse } from '../../pipeline/adapters/sample-live-feed.ts';
import type { LiveFeed, Warehouse } from '../../pipeline/ports.ts';
import { runBuild, type BuildSummary, type RunBuildOptions } from '../../pipeline/run-build.ts';
import { createHash } from 'node:crypto';
import type { GcsTestServer } from './gcs-server/gcs-server.ts';
import { bucketObjects, decodedBody } from './release-checks.ts';
import { exporters } from '../../exporters/index.ts';

export const MINUTE_MS = 60_000;

/** `asOf` moved by `minutes`, whole seconds, ISO with `Z`. */
export function minutesAfter(asOf: string, minutes: number): string {
  return new Date(Date.parse(asOf) + minutes * MINUTE_MS).toISOString().replace('.000Z', 'Z');
}

export interface SampleBuilds {
  /** Every registered endpoint at the sample's as-of. */
  all: BuildSummary;
  /** Live-trigger builds 3, 6, 9… minutes later (each on top of the ones before, as a watch loop does). */
  ticks: BuildSummary[];
}

export async function buildSampleTrees(options: { warehouse: Warehouse; asOf: string; outDir: string; ticks: number; feed?: LiveFeed }): Promise<SampleBuilds> {
  const liveFeed = options.feed ?? createSampleLiveFeedFromWarehouse(options.warehouse);
  const common: RunBuildOptions = { registry: exporters, warehouseAdapter: options.warehouse, outDir: options.outDir, liveFeed };
  const all = await runBuild({ ...common, asOf: options.asOf });
  const ticks: BuildSummary[] = [];
  for (let i = 1; i <= options.ticks; i += 1) ticks.push(await runBuild({ ...common, trigger: 'live', asOf: minutesAfter(options.asOf, 3 * i) }));
  return { all, ticks };
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Every file of `build` is live on its stable path with the build's bytes and headers. */
export function servesBuildProblems(server: GcsTestServer, prefix: string, build: BuildSummary): string[] {
  const objects = bucketObjects(server, prefix);
  const problems: string[] = [];
  for (const file of build.manifest!.files) {
    const live = objects.get(file.path);
    if (!live) problems.push(`${file.path}: missing`);
    else if (sha256(decodedBody(live)) !== file.sha256) problems.push(`${file.path}: bytes differ from the build`);
    else if (live.contentType !== file.content_type || live.cacheControl !== file.cache_control) problems.push(`${file.path}: headers differ from the build`);
  }
  return problems;
}
