/**
 * SQL pieces shared by every family (results, trends, players, live, streaks).
 *
 * Each is the body of a CTE, written once for both engines through the dialect layer. They
 * encode the source-data rules of sources.md §1.2/§1.5: game ids come in two formats (joined
 * through a crosswalk built from the schedule, never by splitting strings), prediction and
 * graded rows are de-duplicated to the newest active prediction, and display names come from
 * one registry row per player.
 */
import { dateCompact, param, sql, table, type SqlPiece, type SqlQuery } from '../pipeline/sql.ts';

export const FROM_DATE = param.date('from_date');
export const TO_DATE = param.date('to_date');
export const SYSTEM_ID = param.string('system_id');

/**
 * Two CTEs: `schedule_games` (one row per scheduled game; the schedule can hold several
 * snapshots, the newest processed wins) and `game_ids`, one row per id a game is known by (native
 * and date-based `YYYYMMDD_AWAY_HOME`): `any_game_id, native_game_id, game_date, home_team,
 * away_team, game_date_est`.
 */
export function scheduleCtes(from: SqlPiece, to: SqlPiece): SqlQuery {
  return sql`
  schedule_games AS (
    SELECT game_id, game_date, home_team_tricode AS home_team, away_team_tricode AS away_team, game_date_est, game_status
    FROM ${table('nba_raw', 'nbac_schedule')}
    WHERE game_date BETWEEN ${from} AND ${to}
    QUALIFY ROW_NUMBER() OVER (PARTITION BY game_id ORDER BY processed_at DESC, game_date_est) = 1
  ),
  game_ids AS (
    SELECT game_id AS any_game_id, game_id AS native_game_id, game_date, home_team, away_team, game_date_est FROM schedule_games
    UNION ALL
    SELECT CONCAT(${dateCompact(sql`game_date`)}, '_', away_team, '_', home_team), game_id, game_date, home_team, away_team, game_date_est FROM schedule_games
  )`;
}

/** One display row per player: the registry row with the greatest season (ties: team order). */
export const latestRegistry = sql`
    SELECT player_lookup, player_name, team_abbr, position
    FROM ${table('nba_reference', 'nba_players_registry')}
    QUALIFY ROW_NUMBER() OVER (PARTITION BY player_lookup ORDER BY season DESC, team_abbr) = 1`;

/**
 * Graded rows of the published system (or of every system), one per (system, player, game): the row of the newest active
 * prediction. Grading copies every prediction row (superseded ones too), so rows are matched back
 * to `player_prop_predictions` by line; unmatched rows (predictions expire after a year) fall back
 * to a deterministic order.
 */
export function gradedNewest(from: SqlPiece, to: SqlPiece, system: SqlPiece | 'all' = SYSTEM_ID): SqlQuery {
  const systemFilter = system === 'all' ? sql`` : sql` AND pa.system_id = ${system}`;
  return sql`
    SELECT pa.*
    FROM ${table('nba_predictions', 'prediction_accuracy')} AS pa
    LEFT JOIN ${table('nba_predictions', 'player_prop_predictions')} AS ppp
      ON ppp.game_date BETWEEN ${from} AND ${to} AND ppp.game_date = pa.game_date AND ppp.player_lookup = pa.player_lookup AND ppp.game_id = pa.game_id
     AND ppp.system_id = pa.system_id AND COALESCE(ppp.current_points_line, -1) = COALESCE(pa.line_value, -1)
     AND ppp.predicted_points = pa.predicted_points
    WHERE pa.game_date BETWEEN ${from} AND ${to}${systemFilter}
    QUALIFY ROW_NUMBER() OVER (
      PARTITION BY pa.system_id, pa.player_lookup, pa.game_id
      ORDER BY COALESCE(ppp.is_active, TRUE) DESC, ppp.prediction_version DESC NULLS LAST, ppp.created_at DESC NULLS LAST,
               pa.line_value DESC NULLS LAST, pa.predicted_points DESC, pa.confidence_score DESC) = 1`;
}

/** Parameters common to the family's queries: the date range of the build and the system. */
export function bindDateRange(dates: readonly string[], systemId: string): Record<string, unknown> {
  const sorted = [...dates].sort();
  return { from_date: sorted[0] ?? '1970-01-01', to_date: sorted.at(-1) ?? '1970-01-01', system_id: systemId };
}

/**
 * The newest active prediction per (player, game) of one system over the build's dates:
 * highest version, then newest created_at (sources.md §1.3.1: the table holds several rows per key).
 */
export function newestPredictions(systemId: SqlPiece): SqlQuery {
  return sql`
    SELECT *
    FROM ${table('nba_predictions', 'player_prop_predictions')}
    WHERE game_date BETWEEN ${FROM_DATE} AND ${TO_DATE} AND system_id = ${systemId} AND is_active
    QUALIFY ROW_NUMBER() OVER (
      PARTITION BY player_lookup, game_id
      ORDER BY prediction_version DESC, created_at DESC, updated_at DESC NULLS LAST, prediction_id) = 1`;
}

/** One team per (player, game) from the upcoming-game context, which can hold several rows per key (§1.3.6). */
export const contextTeams = sql`
    SELECT player_lookup, game_id, team_abbr, home_game
    FROM ${table('nba_analytics', 'upcoming_player_game_context')}
    WHERE game_date BETWEEN ${FROM_DATE} AND ${TO_DATE}
    QUALIFY ROW_NUMBER() OVER (PARTITION BY player_lookup, game_id ORDER BY team_abbr) = 1`;

/** One box-score team per (player, date): the fallback for dates without context rows. */
export const boxScoreTeams = sql`
    SELECT player_lookup, game_date, team_abbr
    FROM ${table('nba_analytics', 'player_game_summary')}
    WHERE game_date BETWEEN ${FROM_DATE} AND ${TO_DATE}
    QUALIFY ROW_NUMBER() OVER (PARTITION BY player_lookup, game_date ORDER BY game_id) = 1`;

/** Starting year of the NBA season of a DATE expression (October or later → that year), on both engines. */
export function seasonYearOf(date: SqlPiece): SqlQuery {
  return sql`(EXTRACT(YEAR FROM ${date}) - CASE WHEN EXTRACT(MONTH FROM ${date}) < 10 THEN 1 ELSE 0 END)`;
}

/**
 * CTEs `preds` (the newest active prediction of the published system per player and game, over
 * the build's dates), `context`, `box`, `names` and `pre_game`: every prediction column plus
 * `player_full_name`, the player's `team` (upcoming-game context, else the box score),
 * `home_team`, `away_team` and `tipoff_at` from the schedule. Needs `scheduleCtes` before it.
 */
export const preGameCtes = sql`
  preds AS (${newestPredictions(SYSTEM_ID)}),
  context AS (${contextTeams}),
  box AS (${boxScoreTeams}),
  names AS (${latestRegistry}),
  pre_game AS (
    SELECT p.*, COALESCE(n.player_name, p.player_lookup) AS player_full_name, COALESCE(c.team_abbr, b.team_abbr) AS team,
           s.home_team, s.away_team, s.game_date_est AS tipoff_at
    FROM preds AS p
    LEFT JOIN game_ids AS s ON s.any_game_id = p.game_id
    LEFT JOIN context AS c ON c.player_lookup = p.player_lookup AND c.game_id = p.game_id
    LEFT JOIN box AS b ON b.player_lookup = p.player_lookup AND b.game_date = p.game_date
    LEFT JOIN names AS n ON n.player_lookup = p.player_lookup
  )`;
