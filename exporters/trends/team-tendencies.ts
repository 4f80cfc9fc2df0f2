/**
 * trends.team-tendencies — `v1/trends/team-tendencies.json`.
 *
 * Consumer: the Trends page's team cards (pace, defence by zone, home/road, back-to-backs).
 * Freshness: weekly (Mondays). Spec: endpoints-trends-players.md §6, with its listed defects fixed
 * (see CHANGELOG.md): the newest defence snapshot instead of an average of rolling snapshots,
 * teams without a value left out of the ranking, disjoint best/worst lists, a fixed key set.
 */
import type { TrendsTeamTendencies } from '../../generated/trends/team-tendencies.ts';
import { defineExporter } from '../../pipeline/define-exporter.ts';
import { countIf, dateDiffDays, dateSub, param, sql, table } from '../../pipeline/sql.ts';
import { addDays, seasonStartDate, seasonStartYear } from '../../pipeline/time.ts';
import { seasonYearOf } from '../_sql.ts';
import { AS_OF } from './_sql.ts';
import { TEAM_COLUMNS, WINDOWS, backToBackOf, defenseOf, homeAwayOf, paceOf } from './team-tendencies-render.ts';

const SCAN_FROM = param.date('scan_from');

export default defineExporter({
  id: 'trends.team-tendencies',
  schema: 'https://nbaprops.com/v1/schemas/trends/team-tendencies.schema.json',
  description: 'Team pace, defence by zone, home/road and back-to-back scoring. Trends page; weekly.',
  triggers: ['weekly'],
  path: 'trends/team-tendencies.json',
  cache: 'weekly',
  ownsAllFiles: true,
  params: () => [{}],
  query: {
    sql: sql`
WITH offense AS (
  SELECT team_abbr, game_date, pace, points_scored, home_game
  FROM ${table('nba_analytics', 'team_offense_game_summary')}
  WHERE game_date BETWEEN ${SCAN_FROM} AND ${AS_OF}
  QUALIFY ROW_NUMBER() OVER (PARTITION BY team_abbr, game_date ORDER BY game_id) = 1
),
team_games AS (
  SELECT team_abbr, game_date, pace, points_scored, home_game,
         ${dateDiffDays(sql`game_date`, sql`LAG(game_date) OVER (PARTITION BY team_abbr, ${seasonYearOf(sql`game_date`)} ORDER BY game_date)`)} AS gap
  FROM offense
),
pace AS (
  SELECT team_abbr, COUNT(pace) AS pace_games, AVG(pace) AS avg_pace, AVG(points_scored) AS avg_points
  FROM team_games WHERE game_date >= ${dateSub(AS_OF, WINDOWS.paceDays)} GROUP BY team_abbr
),
venue AS (
  SELECT team_abbr, ${countIf(sql`home_game`)} AS home_games, AVG(CASE WHEN home_game THEN points_scored END) AS home_ppg,
         ${countIf(sql`NOT home_game`)} AS away_games, AVG(CASE WHEN NOT home_game THEN points_scored END) AS away_ppg
  FROM team_games WHERE game_date >= ${dateSub(AS_OF, WINDOWS.venueDays)} GROUP BY team_abbr
),
rest AS (
  SELECT team_abbr, ${countIf(sql`gap = 1`)} AS b2b_games, AVG(CASE WHEN gap = 1 THEN points_scored END) AS b2b_ppg,
         ${countIf(sql`gap > 1`)} AS rested_games, AVG(CASE WHEN gap > 1 THEN points_scored END) AS rested_ppg
  FROM team_games WHERE game_date >= ${dateSub(AS_OF, WINDOWS.restDays)} GROUP BY team_abbr
),
defense AS (
  SELECT team_abbr, analysis_date AS snapshot_date, paint_pct_allowed_last_15 AS paint_pct, three_pt_pct_allowed_last_15 AS three_pct,
         opponent_points_per_game AS opp_ppg, games_in_sample AS defense_games
  FROM ${table('nba_precompute', 'team_defense_zone_analysis')}
  WHERE analysis_date BETWEEN ${dateSub(AS_OF, WINDOWS.defenseDays)} AND ${AS_OF}
  QUALIFY ROW_NUMBER() OVER (PARTITION BY team_abbr ORDER BY analysis_date DESC) = 1
),
teams AS (SELECT DISTINCT team_abbr FROM (SELECT team_abbr FROM team_games UNION ALL SELECT team_abbr FROM defense) AS known)
SELECT t.team_abbr, COALESCE(p.pace_games, 0) AS pace_games, p.avg_pace, p.avg_points,
       COALESCE(v.home_games, 0) AS home_games, v.home_ppg, COALESCE(v.away_games, 0) AS away_games, v.away_ppg,
       COALESCE(r.b2b_games, 0) AS b2b_games, r.b2b_ppg, COALESCE(r.rested_games, 0) AS rested_games, r.rested_ppg,
       d.snapshot_date, d.paint_pct, d.three_pct, d.opp_ppg, d.defense_games
FROM teams AS t
LEFT JOIN pace AS p ON p.team_abbr = t.team_abbr
LEFT JOIN venue AS v ON v.team_abbr = t.team_abbr
LEFT JOIN rest AS r ON r.team_abbr = t.team_abbr
LEFT JOIN defense AS d ON d.team_abbr = t.team_abbr
ORDER BY t.team_abbr`,
    bind: (ctx) => ({ as_of: ctx.today, scan_from: seasonStartDate(seasonStartYear(addDays(ctx.today, -WINDOWS.restDays))) }),
    columns: TEAM_COLUMNS,
    key: ['team_abbr'],
  },
  render: (rows, _params, ctx): TrendsTeamTendencies => ({
    generated_at: ctx.generatedAt, as_of_date: ctx.today,
    pace: paceOf(rows), defense_by_zone: defenseOf(rows), home_away: homeAwayOf(rows), back_to_back: backToBackOf(rows),
  }),
});
