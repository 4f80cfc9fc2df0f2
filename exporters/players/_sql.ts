/**
 * SQL shared by the players family. Weekly pages (index, profile, season) go to the players
 * with at least `--min-games` graded games of the published system in the last
 * `PLAYER_WINDOW_DAYS` days (one graded game per player and game: the newest active prediction),
 * so a player who stops playing drops out within a year and his pages are removed; the index
 * lists exactly the players who have a profile.
 */
import type { BuildContext } from '../../pipeline/define-exporter.ts';
import { countIf, dateCompact, param, sql, table, type SqlPiece, type SqlQuery } from '../../pipeline/sql.ts';
import { addDays } from '../../pipeline/time.ts';
import { SYSTEM_ID, TO_DATE, gradedNewest } from '../_sql.ts';

/** Qualification window for weekly player pages, in days up to the build's today. */
export const PLAYER_WINDOW_DAYS = 365;

export const WINDOW_FROM = param.date('window_from');
export const MIN_GAMES = param.int('min_games');

/** Parameters of the weekly queries: window, today (ET), threshold and system. */
export function bindWeekly(ctx: BuildContext): Record<string, unknown> {
  return { window_from: addDays(ctx.today, -(PLAYER_WINDOW_DAYS - 1)), to_date: ctx.today, min_games: ctx.minGradedGames, system_id: ctx.systemId };
}

/**
 * CTEs `graded` (graded rows of the system from `from`, one per player and game), `calls`
 * (win/loss/push per row; a push is neither) and `summary` (per qualifying player, over the
 * window): games_predicted, recommendations, wins, losses, pushes, per-side counts, error and
 * confidence means, within-N counts, first and last graded date.
 */
export function summaryCtes(gradedFrom: SqlPiece = WINDOW_FROM): SqlQuery {
  return sql`
graded AS (${gradedNewest(gradedFrom, TO_DATE)}),
calls AS (
  SELECT player_lookup, game_date, recommendation, absolute_error, signed_error, confidence_score, within_3_points, within_5_points,
         CASE WHEN recommendation IN ('OVER', 'UNDER') AND line_value IS NOT NULL THEN 1 ELSE 0 END AS is_call,
         CASE WHEN (recommendation = 'OVER' AND actual_points > line_value) OR (recommendation = 'UNDER' AND actual_points < line_value) THEN 1 ELSE 0 END AS win,
         CASE WHEN (recommendation = 'OVER' AND actual_points < line_value) OR (recommendation = 'UNDER' AND actual_points > line_value) THEN 1 ELSE 0 END AS loss
  FROM graded
  WHERE game_date BETWEEN ${WINDOW_FROM} AND ${TO_DATE}
),
summary AS (
  SELECT player_lookup, COUNT(*) AS games_predicted, SUM(is_call) AS recommendations, SUM(win) AS wins, SUM(loss) AS losses,
         SUM(CASE WHEN is_call = 1 AND win = 0 AND loss = 0 THEN 1 ELSE 0 END) AS pushes,
         SUM(CASE WHEN recommendation = 'OVER' THEN is_call ELSE 0 END) AS over_calls, SUM(CASE WHEN recommendation = 'OVER' THEN win ELSE 0 END) AS over_wins,
         SUM(CASE WHEN recommendation = 'OVER' THEN loss ELSE 0 END) AS over_losses,
         SUM(CASE WHEN recommendation = 'UNDER' THEN is_call ELSE 0 END) AS under_calls, SUM(CASE WHEN recommendation = 'UNDER' THEN win ELSE 0 END) AS under_wins,
         SUM(CASE WHEN recommendation = 'UNDER' THEN loss ELSE 0 END) AS under_losses,
         AVG(absolute_error) AS mae, AVG(signed_error) AS bias, AVG(confidence_score) AS avg_confidence, COUNT(absolute_error) AS error_count,
         ${countIf(sql`within_3_points`)} AS within_3, ${countIf(sql`within_5_points`)} AS within_5, MIN(game_date) AS first_date, MAX(game_date) AS last_date
  FROM calls
  GROUP BY player_lookup
  HAVING COUNT(*) >= ${MIN_GAMES}
)`;
}

/** Row contract of the `summary` columns. */
export const SUMMARY_COLUMNS = {
  games_predicted: 'integer', recommendations: 'integer', wins: 'integer', losses: 'integer', pushes: 'integer',
  over_calls: 'integer', over_wins: 'integer', over_losses: 'integer', under_calls: 'integer', under_wins: 'integer', under_losses: 'integer',
  mae: 'number?', bias: 'number?', avg_confidence: 'number?', error_count: 'integer', within_3: 'integer', within_5: 'integer', first_date: 'date', last_date: 'date',
} as const;

/** CTE body: each player's newest box-score team between `from` and today (the current team, right for traded players). */
export function newestTeam(from: SqlPiece): SqlQuery {
  return sql`
    SELECT player_lookup, team_abbr
    FROM ${table('nba_analytics', 'player_game_summary')}
    WHERE game_date BETWEEN ${from} AND ${TO_DATE}
    QUALIFY ROW_NUMBER() OVER (PARTITION BY player_lookup ORDER BY game_date DESC, game_id DESC) = 1`;
}

/**
 * CTE body: the winner of each scheduled game keyed by the box score's date-based id
 * (`YYYYMMDD_AWAY_HOME`): the box score's own win flag is always false upstream.
 */
export function winners(from: SqlPiece): SqlQuery {
  return sql`
    SELECT CONCAT(${dateCompact(sql`game_date`)}, '_', away_team_tricode, '_', home_team_tricode) AS box_game_id, winning_team_tricode
    FROM ${table('nba_raw', 'nbac_schedule')}
    WHERE game_date BETWEEN ${from} AND ${TO_DATE} AND winning_team_tricode IS NOT NULL
    QUALIFY ROW_NUMBER() OVER (PARTITION BY game_id ORDER BY processed_at DESC) = 1`;
}

/**
 * CTEs `winners`, `gamebook` and `box`: every box-score game from `from` to today with the
 * columns of BOX_COLUMNS (players/_shared.ts) plus player_lookup; minutes fall back to the
 * gamebook; the gap to the previous game is taken within the season (a season opener has none).
 */
export function boxCtes(from: SqlPiece): SqlQuery {
  return sql`
winners AS (${winners(from)}),
gamebook AS (
  SELECT player_lookup, game_id, minutes_decimal
  FROM ${table('nba_raw', 'nbac_gamebook_player_stats')}
  WHERE game_date BETWEEN ${from} AND ${TO_DATE}
  QUALIFY ROW_NUMBER() OVER (PARTITION BY player_lookup, game_id ORDER BY minutes_decimal DESC NULLS LAST) = 1
),
box AS (
  SELECT b.player_lookup, b.game_date, b.game_id, b.team_abbr, b.opponent_team_abbr, b.season_year,
         LAG(b.game_date) OVER (PARTITION BY b.player_lookup, b.season_year ORDER BY b.game_date) AS previous_game_date,
         b.points, COALESCE(b.minutes_played, gb.minutes_decimal) AS minutes, b.offensive_rebounds + b.defensive_rebounds AS rebounds,
         b.assists, b.steals, b.blocks, b.turnovers, b.fg_makes, b.fg_attempts, b.three_pt_makes AS three_makes, b.three_pt_attempts AS three_attempts,
         b.ft_makes, b.ft_attempts, b.points_line, b.over_under_result, w.winning_team_tricode AS winning_team
  FROM ${table('nba_analytics', 'player_game_summary')} AS b
  LEFT JOIN gamebook AS gb ON gb.player_lookup = b.player_lookup AND gb.game_id = b.game_id
  LEFT JOIN winners AS w ON w.box_game_id = b.game_id
  WHERE b.game_date BETWEEN ${from} AND ${TO_DATE}
)`;
}

/** Columns of the `box` CTE, for a SELECT list (alias `b`). */
export const BOX_SELECT = sql`b.game_date, b.game_id, b.team_abbr, b.opponent_team_abbr, b.season_year, b.previous_game_date, b.points, b.minutes, b.rebounds,
       b.assists, b.steals, b.blocks, b.turnovers, b.fg_makes, b.fg_attempts, b.three_makes, b.three_attempts, b.ft_makes, b.ft_attempts,
       b.points_line, b.over_under_result, b.winning_team`;

/** `YYYY-YY` registry season label of a season_year expression, on both engines. */
export function seasonLabelOf(year: SqlPiece): SqlQuery {
  return sql`CONCAT(CAST(${year} AS STRING), '-', LPAD(CAST(MOD(${year} + 1, 100) AS STRING), 2, '0'))`;
}

export { SYSTEM_ID, TO_DATE };
