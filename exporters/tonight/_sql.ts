/**
 * The one query of each tonight endpoint: every player on tonight's rosters (upcoming-game
 * context, one row per player) with his game from the schedule, the newest active prediction,
 * fatigue, the latest injury report for tonight's game, best-line odds, the opponent's defense
 * rank, and his history before tonight (this season's games plus the newest 10 of any season),
 * one row per (player, history game). Both endpoints compute every number in TypeScript from
 * these rows (tonight/_shared.ts), so the board card and the player file always agree.
 */
import type { RowOf } from '../../pipeline/row-contract.ts';
import { dateSub, param, sql, table, type SqlQuery } from '../../pipeline/sql.ts';
import { seasonStartDate, seasonStartYear } from '../../pipeline/time.ts';
import { SYSTEM_ID, latestRegistry, newestPredictions, scheduleCtes } from '../_sql.ts';

const GAME_DATE = param.date('game_date');
const SEASON_START = param.date('season_start');
const SEASON_YEAR = param.int('season_year');
const HISTORY_FROM = param.date('history_from');
const RECENT_GAMES_SQL = param.int('recent_games');

/** Newest games of any season every player carries (last-10 blocks); older ones only within the season. */
export const RECENT_GAMES = 10;

export const TONIGHT_COLUMNS = {
  game_id: 'string', home_team: 'string', away_team: 'string', tipoff_at: 'timestamp?', game_status: 'integer?',
  player_lookup: 'string?', player_full_name: 'string?', team_abbr: 'string?', opponent_team_abbr: 'string?', home_game: 'boolean?', days_rest: 'integer?',
  fatigue_score: 'number?', fatigue_context_json: 'string?', injury_status: 'string?', injury_reason: 'string?',
  predicted_points: 'number?', confidence_score: 'number?', recommendation: 'string?', line: 'number?', line_margin: 'number?',
  pace_adjustment: 'number?', similar_games_count: 'integer?', over_odds: 'integer?', under_odds: 'integer?',
  defense_rank: 'integer?', defense_teams: 'integer?', opp_ppg_allowed: 'number?', opp_def_rating: 'number?',
  h_game_date: 'date?', h_game_id: 'string?', h_team: 'string?', h_opponent: 'string?', h_season_year: 'integer?', h_previous_game_date: 'date?',
  h_points: 'integer?', h_minutes: 'number>=0?', h_fg_makes: 'integer?', h_fg_attempts: 'integer?', h_three_makes: 'integer?', h_three_attempts: 'integer?',
  h_ft_makes: 'integer?', h_ft_attempts: 'integer?', h_line: 'number?', h_over_under: 'string?',
} as const;
export type TonightRow = RowOf<typeof TONIGHT_COLUMNS>;

/**
 * `board`: every scheduled game, with its players (a game without context rows still gets one row);
 * `player`: only players whose game is scheduled. Players whose game is not in the schedule are left out.
 */
export function tonightSql(kind: 'board' | 'player'): SqlQuery {
  const from = kind === 'board' ? sql`schedule_games AS s LEFT JOIN players AS c ON c.native_game_id = s.game_id` : sql`players AS c JOIN schedule_games AS s ON s.game_id = c.native_game_id`;
  return sql`
WITH ${scheduleCtes(GAME_DATE, GAME_DATE)},
context AS (
  SELECT player_lookup, game_id, team_abbr, opponent_team_abbr, home_game, days_rest
  FROM ${table('nba_analytics', 'upcoming_player_game_context')}
  WHERE game_date = ${GAME_DATE}
  QUALIFY ROW_NUMBER() OVER (PARTITION BY player_lookup ORDER BY game_id, team_abbr) = 1
),
players AS (
  SELECT c.*, g.native_game_id FROM context AS c JOIN game_ids AS g ON g.any_game_id = c.game_id
),
preds AS (${newestPredictions(SYSTEM_ID)}),
fatigue AS (
  SELECT player_lookup, fatigue_score, fatigue_context_json
  FROM ${table('nba_precompute', 'player_composite_factors')}
  WHERE game_date = ${GAME_DATE}
  QUALIFY ROW_NUMBER() OVER (PARTITION BY player_lookup ORDER BY game_id) = 1
),
injuries AS (
  SELECT player_lookup, LOWER(injury_status) AS injury_status, reason
  FROM ${table('nba_raw', 'nbac_injury_report')}
  WHERE report_date BETWEEN ${dateSub(GAME_DATE, 2)} AND ${GAME_DATE} AND game_id IN (SELECT any_game_id FROM game_ids)
  QUALIFY ROW_NUMBER() OVER (PARTITION BY player_lookup ORDER BY report_date DESC, report_hour DESC, injury_status) = 1
),
odds AS (
  SELECT player_lookup, points_line,
         MAX(CASE WHEN bet_side = 'over' THEN odds_american END) AS over_odds, MAX(CASE WHEN bet_side = 'under' THEN odds_american END) AS under_odds
  FROM ${table('nba_raw', 'bettingpros_player_points_props')}
  WHERE game_date = ${GAME_DATE} AND is_best_line
  GROUP BY player_lookup, points_line
),
latest_defense AS (
  SELECT team_abbr, opponent_points_per_game, defensive_rating_last_15
  FROM ${table('nba_precompute', 'team_defense_zone_analysis')}
  WHERE analysis_date BETWEEN ${SEASON_START} AND ${GAME_DATE}
  QUALIFY ROW_NUMBER() OVER (PARTITION BY team_abbr ORDER BY analysis_date DESC) = 1
),
defense AS (
  SELECT team_abbr, opponent_points_per_game, defensive_rating_last_15,
         RANK() OVER (ORDER BY opponent_points_per_game) AS defense_rank, COUNT(*) OVER () AS defense_teams
  FROM latest_defense WHERE opponent_points_per_game IS NOT NULL
),
history AS (
  SELECT * FROM (
    SELECT player_lookup, game_id, game_date, team_abbr, opponent_team_abbr, season_year, points, minutes_played,
           fg_makes, fg_attempts, three_pt_makes, three_pt_attempts, ft_makes, ft_attempts, points_line, over_under_result,
           LAG(game_date) OVER (PARTITION BY player_lookup, season_year ORDER BY game_date) AS previous_game_date,
           ROW_NUMBER() OVER (PARTITION BY player_lookup ORDER BY game_date DESC) AS recency
    FROM ${table('nba_analytics', 'player_game_summary')}
    WHERE game_date BETWEEN ${HISTORY_FROM} AND ${dateSub(GAME_DATE, 1)}
  ) AS all_games
  WHERE season_year = ${SEASON_YEAR} OR recency <= ${RECENT_GAMES_SQL}
),
names AS (${latestRegistry})
SELECT s.game_id, s.home_team, s.away_team, s.game_date_est AS tipoff_at, s.game_status,
       c.player_lookup, COALESCE(n.player_name, c.player_lookup) AS player_full_name, c.team_abbr, c.opponent_team_abbr, c.home_game, c.days_rest,
       f.fatigue_score, f.fatigue_context_json, i.injury_status, i.reason AS injury_reason,
       p.predicted_points, p.confidence_score, p.recommendation, p.current_points_line AS line, p.line_margin, p.pace_adjustment, p.similar_games_count,
       o.over_odds, o.under_odds, d.defense_rank, d.defense_teams, d.opponent_points_per_game AS opp_ppg_allowed, d.defensive_rating_last_15 AS opp_def_rating,
       h.game_date AS h_game_date, h.game_id AS h_game_id, h.team_abbr AS h_team, h.opponent_team_abbr AS h_opponent, h.season_year AS h_season_year,
       h.previous_game_date AS h_previous_game_date, h.points AS h_points, h.minutes_played AS h_minutes,
       h.fg_makes AS h_fg_makes, h.fg_attempts AS h_fg_attempts, h.three_pt_makes AS h_three_makes, h.three_pt_attempts AS h_three_attempts,
       h.ft_makes AS h_ft_makes, h.ft_attempts AS h_ft_attempts, h.points_line AS h_line, h.over_under_result AS h_over_under
FROM ${from}
LEFT JOIN preds AS p ON p.player_lookup = c.player_lookup AND p.game_id = c.game_id
LEFT JOIN fatigue AS f ON f.player_lookup = c.player_lookup
LEFT JOIN injuries AS i ON i.player_lookup = c.player_lookup
LEFT JOIN odds AS o ON o.player_lookup = c.player_lookup AND ROUND(o.points_line, 1) = ROUND(p.current_points_line, 1)
LEFT JOIN defense AS d ON d.team_abbr = c.opponent_team_abbr
LEFT JOIN history AS h ON h.player_lookup = c.player_lookup
LEFT JOIN names AS n ON n.player_lookup = c.player_lookup
ORDER BY s.game_id, c.player_lookup, h.game_date DESC`;
}

/** The slate a tonight build describes: today (America/New_York; `--as-of` builds another day's). */
export function tonightDate(ctx: { today: string }): string {
  return ctx.today;
}

/** Parameters of both tonight queries. History reaches back to the previous season for last-10 blocks early in a season. */
export function bindTonight(ctx: { today: string; systemId: string }): Record<string, unknown> {
  const date = tonightDate(ctx);
  const season = seasonStartYear(date);
  return {
    game_date: date, from_date: date, to_date: date, system_id: ctx.systemId, season_year: season, recent_games: RECENT_GAMES,
    season_start: seasonStartDate(season), history_from: seasonStartDate(season - 1),
  };
}
