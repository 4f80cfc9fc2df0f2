/**
 * The production bench's per-player baseline: the design of the old exporters, one query per
 * player for `players.profile` (the endpoint's own query narrowed to one `player_lookup`), sent
 * to the same loopback BigQuery server with as many in flight as a build runs endpoints, against
 * the weekly build that makes the same files from one query. The server answers each player's
 * job with that player's rows of the weekly recording.
 */
import PQueue from 'p-queue';
import { sql, param } from '../sql.ts';
import { exporters } from '../../exporters/index.ts';
import { round } from './bench-results.ts';
import { planQueries } from './planned-queries.ts';
import { timed, type ProductionRun } from './production-bench.ts';
import { ExportError } from '../errors.ts';

export const BASELINE_ENDPOINT = 'players.profile';

export interface PerPlayerBaseline {
  /** One per player the weekly build wrote a profile for. */
  queries: number;
  wall_s: number;
  /** wall_s ÷ the weekly build's wall on BigQuery (which also renders and writes every file). */
  ratio_to_build: number;
}

const PLAYER = param.string('player_lookup');

export async function benchPerPlayer(run: ProductionRun): Promise<PerPlayerBaseline> {
  const weekly = run.builds.weekly;
  const rows = weekly?.recorded.get(BASELINE_ENDPOINT);
  const query = planQueries({}, { registry: exporters, trigger: 'weekly', asOf: run.asOf }).find((q) => q.label === BASELINE_ENDPOINT);
  if (!weekly || !rows || !query) throw new ExportError('BuildFailed', `Internal error: the per-player baseline needs the weekly build's ${BASELINE_ENDPOINT} rows`);
  const players = [...new Set(rows.map((row) => String(row.player_lookup)))];
  await run.deps.bigquery.replay(weekly.recorded, 'player_lookup');
  const onePlayer = sql`SELECT * FROM (${query.sql}) AS profile WHERE profile.player_lookup = ${PLAYER}`;
  const warehouse = run.openBigQuery('weekly');
  const queue = new PQueue({ concurrency: run.options.bigquery.queriesInFlight });
  const { seconds } = await timed(() => Promise.all(players.map((player) => queue.add(() =>
    warehouse.query(onePlayer, { label: BASELINE_ENDPOINT, params: { ...query.params, player_lookup: player } })))));
  run.deps.logger.info(`production per-player baseline: ${players.length} queries in ${seconds.toFixed(2)} s (weekly build ${weekly.wall_s.toFixed(2)} s)`);
  return { queries: players.length, wall_s: round(seconds, 3), ratio_to_build: round(seconds / weekly.wall_s, 1) };
}
