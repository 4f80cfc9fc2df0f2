/**
 * The production bench's "unchanged hourly" section (issue 20): an hourly build on BigQuery is
 * published, then the next hour's hourly build runs with no source table changed
 * (`measureUnchangedHourly`): how many endpoint queries, metadata requests and uploads it costs.
 * Targets: 0 queries, at most 1 metadata request per dataset, 0 uploads, except for the endpoints
 * rebuilt by every build (status.json), which the results list.
 */
import path from 'node:path';
import { createGcsObjectStore } from '../adapters/gcs-object-store.ts';
import { createFixedClock } from '../ports.ts';
import { withPrefix } from '../publish/open-store.ts';
import { publishBuild } from '../publish/publish-build.ts';
import { runBuild } from '../run-build.ts';
import { TABLE_NAMES } from '../sample-league/ddl.ts';
import { HOUR_MS } from '../time.ts';
import { exporters } from '../../exporters/index.ts';
import { PRODUCTION_PROJECT, type ProductionRun } from './production-run.ts';
import { measureUnchangedHourly, type UnchangedHourly } from './unchanged-hourly.ts';

/** Needs the builds section's hourly rows (`run.builds.hourly`); undefined when hourly was not built. */
export async function benchUnchangedHourly(run: ProductionRun): Promise<UnchangedHourly | undefined> {
  const hourly = run.builds.hourly;
  if (!hourly) return undefined;
  await run.deps.bigquery.replay(hourly.recorded);
  // Every source table last changed well before the first build: nothing changes between the two.
  const changed = new Date(Date.parse(run.asOf) - 12 * HOUR_MS).toISOString();
  await run.deps.bigquery.setTableStamps(new Map(TABLE_NAMES.map((table) => [table, changed])));
  const store = withPrefix(createGcsObjectStore({ bucket: run.bucket, endpoint: run.deps.storage.url }), 'unchanged-hourly');
  const warehouse = run.openBigQuery('hourly');
  const outDir = path.join(run.runDir, 'unchanged-hourly');
  const first = await runBuild({
    registry: exporters, trigger: 'hourly', asOf: run.asOf, outDir: path.join(outDir, 'first'), warehouse: 'bigquery', bigquery: { project: PRODUCTION_PROJECT },
    warehouseAdapter: warehouse, incremental: true,
  });
  await publishBuild({ store, treeDir: first.treeDir!, clock: createFixedClock(run.asOf) });
  const measured = await measureUnchangedHourly({ registry: exporters, warehouse, store, outDir: path.join(outDir, 'next'), clock: createFixedClock(new Date(Date.parse(run.asOf) + HOUR_MS / 2).toISOString()) });
  run.deps.logger.info(`production unchanged hourly: ${measured.queries} queries (${measured.rebuilt.join(', ') || 'none'}), ${measured.metadata_requests} metadata requests, ${measured.uploads} uploads`);
  return measured;
}
