/**
 * The production bench's builds section: for each trigger, the rows its endpoint queries give on
 * the DuckDB sample are recorded and served by the loopback BigQuery server; then the trigger is
 * built on BigQuery (wall), each of its endpoint queries is run alone on the same server, and the
 * same trigger is built on DuckDB (local). The trigger's limit is, as issue 20 defines it, its
 * slowest query alone plus its local build time: a build cannot beat its slowest query, and on top
 * of the wait it does the same rendering, validating and writing as the local build.
 */
import path from 'node:path';
import { runBuild } from '../run-build.ts';
import { exporters } from '../../exporters/index.ts';
import { round } from './stats.ts';
import { planQueries, recordRows } from './planned-queries.ts';
import { PRODUCTION_TRIGGERS, PRODUCTION_PROJECT, timed, type ProductionBuild, type ProductionRun, type ProductionTrigger } from './production-run.ts';

export async function benchProductionBuilds(run: ProductionRun): Promise<Partial<Record<ProductionTrigger, ProductionBuild>>> {
  const results: Partial<Record<ProductionTrigger, ProductionBuild>> = {};
  const aloneSeconds = new Map<string, number>();
  for (const trigger of run.settings.triggers ?? PRODUCTION_TRIGGERS) {
    const recorded = await recordRows(run.sample, { registry: exporters, trigger, asOf: run.asOf });
    await run.deps.bigquery.replay(recorded);
    const outDir = path.join(run.runDir, trigger);
    const bigquery = await timed(() => runBuild({
      registry: exporters, trigger, asOf: run.asOf, outDir: path.join(outDir, 'bigquery'), warehouse: 'bigquery', bigquery: { project: PRODUCTION_PROJECT },
      warehouseAdapter: run.openBigQuery(trigger), liveFeed: run.feed,
    }));
    const slowest = await slowestQueryAlone(run, trigger, aloneSeconds, recorded);
    const local = await timed(() => runBuild({ registry: exporters, trigger, asOf: run.asOf, outDir: path.join(outDir, 'duckdb'), warehouseAdapter: run.sample, liveFeed: run.feed }));
    const limit = slowest + local.seconds;
    const measured: ProductionBuild = {
      wall_s: round(bigquery.seconds, 3), limit_s: round(limit, 3), ratio: round(bigquery.seconds / limit, 2), queries: bigquery.value.queryCount,
      slowest_query_s: round(slowest, 3), local_s: round(local.seconds, 3),
    };
    results[trigger] = measured;
    run.builds[trigger] = { ...measured, treeDir: bigquery.value.treeDir!, recorded };
    run.deps.logger.info(`production ${trigger}: ${bigquery.seconds.toFixed(2)} s on BigQuery (limit ${limit.toFixed(2)} s, ${bigquery.value.queryCount} queries), ${local.seconds.toFixed(2)} s on DuckDB`);
  }
  return results;
}

/**
 * Each endpoint query of the trigger run alone on BigQuery, one after another; the slowest time.
 * An endpoint whose recorded result another trigger already timed (same rows) is not run again.
 */
async function slowestQueryAlone(run: ProductionRun, trigger: ProductionTrigger, timedBefore: Map<string, number>, recorded: ReadonlyMap<string, readonly unknown[]>): Promise<number> {
  const warehouse = run.openBigQuery(trigger);
  let slowest = 0;
  for (const query of planQueries({}, { registry: exporters, trigger, asOf: run.asOf })) {
    const key = `${query.label}:${recorded.get(query.label)?.length ?? 0}`;
    const seconds = timedBefore.get(key) ?? (await timed(() => warehouse.query(query.sql, { label: query.label, params: query.params }))).seconds;
    timedBefore.set(key, seconds);
    slowest = Math.max(slowest, seconds);
  }
  return slowest;
}
