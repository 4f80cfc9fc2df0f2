/**
 * The production bench's per-player baseline: the design of the old exporters, one query per
 * player for `players.profile` (the endpoint's own query narrowed to one `player_lookup`), sent
 * to the same loopback BigQuery server with as many in flight as a build runs endpoints, against
 * the weekly build that makes the same files from one query. The server answers each player's
 * job with that player's rows of the weekly recording.
 */
import PQueue from 'p-queue';
import { param, sql, type SqlQuery } from '../sql.ts';
import { exporters } from '../../exporters/index.ts';
import { round } from './stats.ts';
import { planQueries } from './planned-queries.ts';
import { timed, type BaselineEndpoint, type ProductionRun } from './production-run.ts';
import { ExportError } from '../errors.ts';

/** The old design issue 20 compares with: one players.profile query per player. */
export const BASELINE: BaselineEndpoint = {
  endpoint: 'players.profile', trigger: 'weekly', column: 'player_lookup',
  narrow: (query) => sql`SELECT * FROM (${query}) AS profile WHERE profile.player_lookup = ${param.string('player_lookup')}`,
};

export interface PerPlayerBaseline {
  /** One per value of the fan-out column in the endpoint's rows (per player the weekly build wrote a profile for). */
  queries: number;
  wall_s: number;
  /** wall_s ÷ the wall on BigQuery of the build that makes the same files from one query (weekly, which also renders and writes them). */
  ratio_to_build: number;
}

export async function benchPerPlayer(run: ProductionRun): Promise<PerPlayerBaseline> {
  const { endpoint, trigger, column, narrow } = run.settings.baseline ?? BASELINE;
  const build = run.builds[trigger];
  const rows = build?.recorded.get(endpoint);
  const query = planQueries({}, { registry: exporters, trigger, asOf: run.asOf }).find((q) => q.label === endpoint);
  if (!build || !rows || !query) throw new ExportError('BuildFailed', `Internal error: the per-player baseline needs the ${trigger} build's ${endpoint} rows`);
  const keys = [...new Set(rows.map((row) => String(row[column])))];
  await run.deps.bigquery.replay(build.recorded, column);
  const narrowed = narrow(query.sql);
  const warehouse = run.openBigQuery(trigger);
  const queue = new PQueue({ concurrency: run.options.bigquery.queriesInFlight });
  const { seconds } = await timed(() => Promise.all(keys.map((key) => queue.add(() =>
    warehouse.query(narrowed, { label: endpoint, params: { ...query.params, [column]: key } })))));
  run.deps.logger.info(`production per-player baseline: ${keys.length} ${endpoint} queries in ${seconds.toFixed(2)} s (${trigger} build ${build.wall_s.toFixed(2)} s)`);
  return { queries: keys.length, wall_s: round(seconds, 3), ratio_to_build: round(seconds / build.wall_s, 1) };
}
