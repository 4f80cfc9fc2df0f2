/**
 * results.daily — `v1/results/{date}.json` (+ `latest.json`).
 *
 * Consumer: the website's Results page (yesterday's calls vs outcomes). Freshness: built by the
 * daily trigger once the date is graded; dated files are final unless re-graded.
 * Spec: endpoints-results-live.md §2, with its listed defects fixed (see CHANGELOG.md).
 */
import { defineExporter } from '../../pipeline/define-exporter.ts';
import { dateDiffDays, param, sql, table } from '../../pipeline/sql.ts';
import { seasonStartDate, seasonStartYear } from '../../pipeline/time.ts';
import type { ResultsDaily } from '../../generated/results/daily.ts';
import { bindDateRange, gradedNewest, latestRegistry, scheduleCtes, TO_DATE, FROM_DATE } from '../_sql.ts';
import { RESULT_COLUMNS, summarise, toResultRow, breakdownsOf, highlightsOf } from './daily-render.ts';

const SEASON_START = param.date('season_start');

export default defineExporter({
  id: 'results.daily',
  schema: 'https://nbaprops.com/v1/schemas/results/daily.schema.json',
  description: 'Graded calls of one date with summary, breakdowns and highlights. Results page; daily after grading.',
  triggers: ['daily'],
  path: 'results/{date}.json',
  cache: 'daily',
  aliases: [{ path: 'results/latest.json', cache: 'alias', when: (params, payload: ResultsDaily, ctx) => params.date >= ctx.yesterday && payload.results.length > 0 }],
  params: (ctx) => (ctx.dates ?? [ctx.yesterday]).map((date) => ({ date })),
  partitionBy: { date: 'game_date' },
  query: {
    sql: sql`
WITH ${scheduleCtes(FROM_DATE, TO_DATE)},
graded AS (${gradedNewest(FROM_DATE, TO_DATE)}),
box AS (
  SELECT player_lookup, game_date, team_abbr,
         AVG(points) OVER (PARTITION BY player_lookup, season_year ORDER BY game_date ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS season_ppg,
         LAG(game_date) OVER (PARTITION BY player_lookup, season_year ORDER BY game_date) AS previous_game_date
  FROM ${table('nba_analytics', 'player_game_summary')}
  WHERE game_date BETWEEN ${SEASON_START} AND ${TO_DATE}
),
names AS (${latestRegistry})
SELECT g.game_date, g.player_lookup, COALESCE(n.player_name, g.player_lookup) AS player_full_name, g.game_id,
       b.team_abbr AS team, s.home_team, s.away_team, g.predicted_points, g.actual_points, g.line_value, g.recommendation,
       g.absolute_error, g.signed_error, g.confidence_score, g.minutes_played, b.season_ppg,
       ${dateDiffDays(sql`g.game_date`, sql`b.previous_game_date`)} AS days_rest
FROM graded AS g
LEFT JOIN game_ids AS s ON s.any_game_id = g.game_id
LEFT JOIN box AS b ON b.player_lookup = g.player_lookup AND b.game_date = g.game_date
LEFT JOIN names AS n ON n.player_lookup = g.player_lookup
ORDER BY g.game_date, g.game_id, g.player_lookup`,
    bind: (ctx, params) => {
      const range = bindDateRange(params.map((p) => p.date), ctx.systemId);
      return { ...range, season_start: seasonStartDate(seasonStartYear(range.from_date as string)) };
    },
    columns: RESULT_COLUMNS,
    key: ['game_date', 'player_lookup', 'game_id'],
  },
  render: (rows, params, ctx): ResultsDaily => {
    const results = rows.map(toResultRow);
    return {
      game_date: params.date,
      generated_at: ctx.generatedAt,
      summary: summarise(results),
      breakdowns: breakdownsOf(results),
      results,
      highlights: highlightsOf(results),
    };
  },
});
