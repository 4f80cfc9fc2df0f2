/**
 * streaks.today — `v1/streaks/{date}.json` (+ `today.json`).
 *
 * Consumer: the streaks strip (players on OVER/UNDER runs and our prediction-hit runs). Freshness:
 * daily, entering the day's games (America/New_York). Spec: endpoints-results-live.md §6 with its
 * fixes (see CHANGELOG.md): one entry per player with the team of his newest game, pushes skipped,
 * no 20-game cap, season-bounded prediction streaks, tie-breakers, a dated file plus the alias.
 */
import type { StreaksToday } from '../../generated/streaks/today.ts';
import { defineExporter } from '../../pipeline/define-exporter.ts';
import { param, sql, table } from '../../pipeline/sql.ts';
import { addDays, seasonStartDate, seasonStartYear } from '../../pipeline/time.ts';
import { gradedNewest, latestRegistry } from '../_sql.ts';
import { MIN_STREAK, STREAK_COLUMNS, streaksEntering } from './today-render.ts';

const SEASON_FROM = param.date('season_from');
const LAST_DATE = param.date('last_date');

export default defineExporter({
  id: 'streaks.today',
  schema: 'https://nbaprops.com/v1/schemas/streaks/today.schema.json',
  description: "Players' current OVER/UNDER and prediction-hit streaks entering a slate. Streaks strip; daily.",
  triggers: ['daily'],
  path: 'streaks/{date}.json',
  cache: 'daily',
  aliases: [{ path: 'streaks/today.json', cache: 'hourly', when: (params, _payload, ctx) => params.date === ctx.today }],
  params: (ctx) => (ctx.dates ?? [ctx.today]).map((date) => ({ date })),
  query: {
    sql: sql`
WITH graded AS (${gradedNewest(SEASON_FROM, LAST_DATE)}),
names AS (${latestRegistry})
SELECT 'game' AS kind, g.player_lookup, COALESCE(n.player_name, g.player_lookup) AS player_full_name, g.game_date, g.team_abbr AS team,
       g.opponent_team_abbr AS opponent, g.points, g.points_line AS line, CAST(NULL AS STRING) AS recommendation
FROM ${table('nba_analytics', 'player_game_summary')} AS g
LEFT JOIN names AS n ON n.player_lookup = g.player_lookup
WHERE g.game_date BETWEEN ${SEASON_FROM} AND ${LAST_DATE} AND g.points IS NOT NULL
UNION ALL
SELECT 'call', c.player_lookup, COALESCE(n.player_name, c.player_lookup), c.game_date, c.team_abbr, c.opponent_team_abbr, c.actual_points, c.line_value, c.recommendation
FROM graded AS c
LEFT JOIN names AS n ON n.player_lookup = c.player_lookup
WHERE c.recommendation IN ('OVER', 'UNDER') AND c.line_value IS NOT NULL AND c.actual_points IS NOT NULL
ORDER BY kind, player_lookup, game_date`,
    bind: (ctx, params) => {
      const dates = params.map((p) => p.date).sort();
      const first = dates[0] ?? ctx.today;
      return { season_from: seasonStartDate(seasonStartYear(first)), last_date: addDays(dates.at(-1) ?? ctx.today, -1), system_id: ctx.systemId };
    },
    columns: STREAK_COLUMNS,
    key: ['kind', 'player_lookup', 'game_date'],
  },
  render: (rows, params, ctx): StreaksToday => ({
    as_of_date: params.date, generated_at: ctx.generatedAt, min_streak_length: MIN_STREAK, system_id: ctx.systemId, ...streaksEntering(rows, params.date),
  }),
});
