/**
 * The one query of players.game-report: a row per (box-score game on a report date, one of the
 * player's 5 previous games), so each report carries its recent games; a report without previous
 * games has one row with NULL recent columns. Moving averages come from window functions within
 * the season; the opponent's defense is each team's newest snapshot of the season on or before
 * the game date, ranked among those snapshots only (the old rank ran over every snapshot ever).
 */
import type { RowOf } from '../../pipeline/row-contract.ts';
import { countIf, dateSub, param, sql, table } from '../../pipeline/sql.ts';
import { FROM_DATE, TO_DATE, gradedNewest, latestRegistry, seasonYearOf } from '../_sql.ts';

const HISTORY_FROM = param.date('history_from');
/** Snapshots older than this before the game date are not used. */
const SNAPSHOT_MAX_AGE_DAYS = 30;

export const REPORT_COLUMNS = {
  player_lookup: 'string', game_date: 'date', game_id: 'string', team_abbr: 'string', opponent_team_abbr: 'string',
  player_full_name: 'string', position: 'string?', points: 'integer?',
  season_games: 'integer', season_avg: 'number?', l5: 'number?', l10: 'number?', l20: 'number?',
  paint_rate: 'number?', mid_range_rate: 'number?', three_pt_rate: 'number?',
  opp_pace: 'number?', opp_def_rating: 'number?', opp_def_rank: 'integer?', teams_ranked: 'integer', paint_vs_league: 'number?', three_vs_league: 'number?',
  line_value: 'number?', recommendation: 'string?', predicted_points: 'number?', confidence_score: 'number?',
  h2h_games: 'integer', h2h_avg_points: 'number?', h2h_avg_line: 'number?', h2h_overs: 'integer', h2h_unders: 'integer',
  recent_date: 'date?', recent_opponent: 'string?', recent_points: 'integer?', recent_line: 'number?', recent_result: 'string?', recent_minutes: 'number>=0?',
} as const;
export type ReportRow = RowOf<typeof REPORT_COLUMNS>;

export const GAME_REPORT_SQL = sql`
WITH graded AS (${gradedNewest(FROM_DATE, TO_DATE)}),
box AS (
  SELECT player_lookup, game_id, game_date, team_abbr, opponent_team_abbr, season_year, points, minutes_played, points_line, over_under_result,
         ROW_NUMBER() OVER (PARTITION BY player_lookup ORDER BY game_date) AS seq,
         COUNT(*) OVER (PARTITION BY player_lookup, season_year ORDER BY game_date ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS season_games,
         AVG(points) OVER (PARTITION BY player_lookup, season_year ORDER BY game_date ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS season_avg,
         AVG(points) OVER (PARTITION BY player_lookup, season_year ORDER BY game_date ROWS BETWEEN 5 PRECEDING AND 1 PRECEDING) AS l5,
         AVG(points) OVER (PARTITION BY player_lookup, season_year ORDER BY game_date ROWS BETWEEN 10 PRECEDING AND 1 PRECEDING) AS l10,
         AVG(points) OVER (PARTITION BY player_lookup, season_year ORDER BY game_date ROWS BETWEEN 20 PRECEDING AND 1 PRECEDING) AS l20
  FROM ${table('nba_analytics', 'player_game_summary')}
  WHERE game_date BETWEEN ${HISTORY_FROM} AND ${TO_DATE}
),
reports AS (SELECT * FROM box WHERE game_date BETWEEN ${FROM_DATE} AND ${TO_DATE}),
report_dates AS (SELECT DISTINCT game_date FROM reports),
snapshots AS (
  SELECT d.game_date AS report_date, t.team_abbr, t.defensive_rating_last_15, t.opponent_pace, t.paint_pct_allowed_last_15, t.three_pt_pct_allowed_last_15
  FROM report_dates AS d
  JOIN ${table('nba_precompute', 'team_defense_zone_analysis')} AS t
    ON t.analysis_date BETWEEN ${dateSub(sql`d.game_date`, SNAPSHOT_MAX_AGE_DAYS)} AND d.game_date AND ${seasonYearOf(sql`t.analysis_date`)} = ${seasonYearOf(sql`d.game_date`)}
  WHERE t.analysis_date BETWEEN ${HISTORY_FROM} AND ${TO_DATE}
  QUALIFY ROW_NUMBER() OVER (PARTITION BY d.game_date, t.team_abbr ORDER BY t.analysis_date DESC) = 1
),
defense AS (
  SELECT report_date, team_abbr, defensive_rating_last_15, opponent_pace,
         CASE WHEN defensive_rating_last_15 IS NULL THEN NULL
              ELSE RANK() OVER (PARTITION BY report_date, defensive_rating_last_15 IS NULL ORDER BY defensive_rating_last_15) END AS def_rank,
         paint_pct_allowed_last_15 - AVG(paint_pct_allowed_last_15) OVER (PARTITION BY report_date) AS paint_vs_league,
         three_pt_pct_allowed_last_15 - AVG(three_pt_pct_allowed_last_15) OVER (PARTITION BY report_date) AS three_vs_league
  FROM snapshots
),
ranked AS (SELECT report_date, COUNT(defensive_rating_last_15) AS teams_ranked FROM snapshots GROUP BY report_date),
shots AS (
  SELECT r.player_lookup, r.game_date, z.paint_rate_last_10, z.mid_range_rate_last_10, z.three_pt_rate_last_10
  FROM reports AS r
  JOIN ${table('nba_precompute', 'player_shot_zone_analysis')} AS z
    ON z.player_lookup = r.player_lookup AND z.analysis_date BETWEEN ${dateSub(sql`r.game_date`, SNAPSHOT_MAX_AGE_DAYS)} AND r.game_date
  WHERE z.analysis_date BETWEEN ${HISTORY_FROM} AND ${TO_DATE}
  QUALIFY ROW_NUMBER() OVER (PARTITION BY r.player_lookup, r.game_date ORDER BY z.analysis_date DESC) = 1
),
h2h AS (
  SELECT r.player_lookup, r.game_date, COUNT(h.game_date) AS h2h_games, AVG(h.points) AS h2h_avg_points, AVG(h.points_line) AS h2h_avg_line,
         ${countIf(sql`h.over_under_result = 'OVER'`)} AS h2h_overs, ${countIf(sql`h.over_under_result = 'UNDER'`)} AS h2h_unders
  FROM reports AS r
  LEFT JOIN box AS h ON h.player_lookup = r.player_lookup AND h.opponent_team_abbr = r.opponent_team_abbr AND h.game_date < r.game_date
  GROUP BY r.player_lookup, r.game_date
),
recent AS (
  SELECT r.player_lookup, r.game_date, h.game_date AS recent_date, h.opponent_team_abbr AS recent_opponent, h.points AS recent_points,
         h.points_line AS recent_line, h.over_under_result AS recent_result, h.minutes_played AS recent_minutes
  FROM reports AS r
  JOIN box AS h ON h.player_lookup = r.player_lookup AND h.seq BETWEEN r.seq - 5 AND r.seq - 1
),
names AS (${latestRegistry})
SELECT r.player_lookup, r.game_date, r.game_id, r.team_abbr, r.opponent_team_abbr, COALESCE(n.player_name, r.player_lookup) AS player_full_name, n.position,
       r.points, r.season_games, r.season_avg, r.l5, r.l10, r.l20,
       s.paint_rate_last_10 AS paint_rate, s.mid_range_rate_last_10 AS mid_range_rate, s.three_pt_rate_last_10 AS three_pt_rate,
       d.opponent_pace AS opp_pace, d.defensive_rating_last_15 AS opp_def_rating, d.def_rank AS opp_def_rank, COALESCE(k.teams_ranked, 0) AS teams_ranked, d.paint_vs_league, d.three_vs_league,
       g.line_value, g.recommendation, g.predicted_points, g.confidence_score,
       x.h2h_games, x.h2h_avg_points, x.h2h_avg_line, x.h2h_overs, x.h2h_unders,
       rc.recent_date, rc.recent_opponent, rc.recent_points, rc.recent_line, rc.recent_result, rc.recent_minutes
FROM reports AS r
LEFT JOIN recent AS rc ON rc.player_lookup = r.player_lookup AND rc.game_date = r.game_date
LEFT JOIN shots AS s ON s.player_lookup = r.player_lookup AND s.game_date = r.game_date
LEFT JOIN defense AS d ON d.report_date = r.game_date AND d.team_abbr = r.opponent_team_abbr
LEFT JOIN ranked AS k ON k.report_date = r.game_date
LEFT JOIN graded AS g ON g.player_lookup = r.player_lookup AND g.game_date = r.game_date
LEFT JOIN h2h AS x ON x.player_lookup = r.player_lookup AND x.game_date = r.game_date
LEFT JOIN names AS n ON n.player_lookup = r.player_lookup
ORDER BY r.game_date, r.player_lookup, rc.recent_date DESC`;
