/**
 * SQL shared by the live family. Each live query returns rows of several kinds in one result
 * (one warehouse query per endpoint): `game` rows (the night's schedule, to map the feed's games
 * to schedule ids and to notice a feed that lost the night) and `feed_player` rows (balldontlie
 * player id → player_lookup and display name), plus, for grading, `prediction` rows.
 */
import type { BuildContext } from '../../pipeline/define-exporter.ts';
import { param, sql, table } from '../../pipeline/sql.ts';
import { addDays } from '../../pipeline/time.ts';
import { TO_DATE } from '../_sql.ts';
import { gameNightDate } from '../../pipeline/live/game-night.ts';

/**
 * How far back box scores map balldontlie ids: this season and the last, so a player back from a
 * long injury still maps (the old exporters looked back 30 days and then fell back to names, R-16).
 */
export const FEED_ID_WINDOW_DAYS = 400;

export const IDS_FROM = param.date('ids_from');

/**
 * CTE `feed_players`: one row per balldontlie player id, from his newest box score in the window,
 * with the registry's display name when there is one. Needs a `names` CTE (latestRegistry) before it.
 */
export const feedPlayersCte = sql`
  feed_ids AS (
    SELECT bdl_player_id, player_lookup, player_full_name
    FROM ${table('nba_raw', 'bdl_player_boxscores')}
    WHERE game_date BETWEEN ${IDS_FROM} AND ${TO_DATE} AND bdl_player_id IS NOT NULL
    QUALIFY ROW_NUMBER() OVER (PARTITION BY bdl_player_id ORDER BY game_date DESC, game_id DESC) = 1
  ),
  feed_players AS (
    SELECT f.bdl_player_id, f.player_lookup, COALESCE(n.player_name, f.player_full_name) AS player_name
    FROM feed_ids AS f
    LEFT JOIN names AS n ON n.player_lookup = f.player_lookup
  )`;

/** The one game night a live build covers (its only parameter set), with the id window and system. */
export function bindLiveNight(ctx: BuildContext, params: readonly { date: string }[]): Record<string, unknown> {
  const night = params[0]?.date ?? gameNightDate(ctx.asOf);
  return { from_date: night, to_date: night, ids_from: addDays(night, -FEED_ID_WINDOW_DAYS), system_id: ctx.systemId };
}
