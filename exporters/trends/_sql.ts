/**
 * SQL pieces shared by the trends family: tonight's teams from the schedule (one schedule source
 * for every "tonight" enrichment, F-3) and box-score games with their outcome against the line,
 * rest and venue. Each is a CTE body for both engines.
 */
import { dateDiffDays, dayOfWeek, param, sql, table, type SqlPiece, type SqlQuery } from '../../pipeline/sql.ts';
import { scheduleCtes } from '../_sql.ts';

/** The as-of date of a trends build: today in America/New_York. */
export const AS_OF = param.date('as_of');

/**
 * Three CTEs for the as-of date: `schedule_games` and `game_ids` (see scheduleCtes) and `tonight`,
 * both teams of every game: team, opponent, home, game_id, tipoff_at.
 */
export const tonightCtes = sql`${scheduleCtes(AS_OF, AS_OF)},
tonight AS (
  SELECT home_team AS team, away_team AS opponent, TRUE AS home, game_id, game_date_est AS tipoff_at FROM schedule_games
  UNION ALL
  SELECT away_team, home_team, FALSE, game_id, game_date_est FROM schedule_games
)`;

/** The TONIGHT_COLUMNS of a row, from the `tonight` CTE joined as `t`. */
export const tonightSelect = sql`t.game_id AS tonight_game_id, t.opponent AS tonight_opponent, t.home AS tonight_home, t.tipoff_at AS tonight_tipoff`;

/** OVER / UNDER / PUSH of a box-score row against its closing line (never the table's push-as-OVER label). */
export const lineResult = sql`CASE WHEN points IS NULL OR points_line IS NULL THEN NULL WHEN points > points_line THEN 'OVER' WHEN points < points_line THEN 'UNDER' ELSE 'PUSH' END`;

export interface LineGamesOptions {
  /** First date scanned, so that rest is computed from the previous game even before `from` (a season start). */
  scanFrom: SqlPiece;
  from: SqlPiece;
  to: SqlPiece;
}

/**
 * One row per box score from `from` to `to`: the player's game, `result` (OVER/UNDER/PUSH/NULL),
 * `rest_bucket` from days off since his previous game of the same season, over all his games
 * with or without a line (`b2b` 0 days off, `one_day` 1, `rested` 2+, `none` for his first game
 * of the season), `is_home` from the date-based game id (`YYYYMMDD_AWAY_HOME`), and `weekday`
 * (1 = Sunday … 7 = Saturday).
 */
export function lineGames({ scanFrom, from, to }: LineGamesOptions): SqlQuery {
  return sql`
    SELECT * FROM (
      SELECT player_lookup, game_id, game_date, team_abbr, points, points_line, ${lineResult} AS result,
             CASE
               WHEN previous_date IS NULL THEN 'none'
               WHEN ${dateDiffDays(sql`game_date`, sql`previous_date`)} = 1 THEN 'b2b'
               WHEN ${dateDiffDays(sql`game_date`, sql`previous_date`)} = 2 THEN 'one_day'
               ELSE 'rested'
             END AS rest_bucket,
             SUBSTR(game_id, LENGTH(game_id) - LENGTH(team_abbr) + 1) = team_abbr AS is_home,
             ${dayOfWeek(sql`game_date`)} AS weekday
      FROM (
        SELECT player_lookup, game_id, game_date, team_abbr, points, points_line,
               LAG(game_date) OVER (PARTITION BY player_lookup, season_year ORDER BY game_date) AS previous_date
        FROM ${table('nba_analytics', 'player_game_summary')}
        WHERE game_date BETWEEN ${scanFrom} AND ${to}
      ) AS scanned
    ) AS games
    WHERE game_date BETWEEN ${from} AND ${to}`;
}
