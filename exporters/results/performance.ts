/**
 * results.performance — `v1/systems/performance.json` (+ dated copies `systems/performance/{date}.json`).
 *
 * Consumer: the Results page's rolling 7/30/season comparison of systems. Freshness: daily after
 * grading. Spec: endpoints-results-live.md §5 with R-10 fixed: rates from sums of counts straight
 * from the graded table, season bounded by its start, high confidence over OVER/UNDER only.
 */
import type { SystemPerformance } from '../../generated/results/performance.ts';
import { defineExporter } from '../../pipeline/define-exporter.ts';
import { param, sql } from '../../pipeline/sql.ts';
import { addDays, seasonStartDate, seasonStartYear } from '../../pipeline/time.ts';
import { gradedNewest } from '../_sql.ts';
import { DAILY_COLUMNS, comparisonOf, systemsAsOf } from './performance-render.ts';

const WINDOW_FROM = param.date('window_from');
const AS_OF_TO = param.date('as_of_to');

export default defineExporter({
  id: 'results.performance',
  schema: 'https://nbaprops.com/v1/schemas/results/performance.schema.json',
  description: 'Per-system accuracy over 7 days, 30 days and the season. Results page; daily after grading.',
  triggers: ['daily'],
  path: 'systems/performance/{date}.json',
  cache: 'daily',
  aliases: [{ path: 'systems/performance.json', cache: 'hourly', when: (params, _payload, ctx) => params.date >= ctx.yesterday }],
  params: (ctx) => (ctx.dates ?? [ctx.yesterday]).map((date) => ({ date })),
  query: {
    sql: sql`
WITH graded AS (${gradedNewest(WINDOW_FROM, AS_OF_TO, 'all')}),
calls AS (
  SELECT system_id, game_date, absolute_error, signed_error, confidence_score, recommendation,
         CASE WHEN recommendation IN ('OVER', 'UNDER') AND line_value IS NOT NULL THEN 1 ELSE 0 END AS is_call,
         CASE WHEN (recommendation = 'OVER' AND actual_points > line_value) OR (recommendation = 'UNDER' AND actual_points < line_value) THEN 1 ELSE 0 END AS win,
         CASE WHEN (recommendation = 'OVER' AND actual_points < line_value) OR (recommendation = 'UNDER' AND actual_points > line_value) THEN 1 ELSE 0 END AS loss
  FROM graded
)
SELECT system_id, game_date,
       COUNT(*) AS predictions, SUM(is_call) AS recommendations, SUM(win) AS wins, SUM(loss) AS losses,
       SUM(CASE WHEN is_call = 1 AND win = 0 AND loss = 0 THEN 1 ELSE 0 END) AS pushes,
       COUNT(absolute_error) AS error_count, COALESCE(SUM(absolute_error), 0) AS abs_error_sum, COALESCE(SUM(signed_error), 0) AS signed_error_sum,
       SUM(CASE WHEN absolute_error <= 3 THEN 1 ELSE 0 END) AS within_3, SUM(CASE WHEN absolute_error <= 5 THEN 1 ELSE 0 END) AS within_5,
       SUM(CASE WHEN recommendation = 'OVER' THEN win ELSE 0 END) AS over_wins, SUM(CASE WHEN recommendation = 'OVER' THEN loss ELSE 0 END) AS over_losses,
       SUM(CASE WHEN recommendation = 'UNDER' THEN win ELSE 0 END) AS under_wins, SUM(CASE WHEN recommendation = 'UNDER' THEN loss ELSE 0 END) AS under_losses,
       SUM(CASE WHEN confidence_score >= 0.7 THEN win ELSE 0 END) AS hc_wins, SUM(CASE WHEN confidence_score >= 0.7 THEN loss ELSE 0 END) AS hc_losses
FROM calls
GROUP BY system_id, game_date
ORDER BY system_id, game_date`,
    bind: (ctx, params) => {
      const dates = params.map((p) => p.date).sort();
      const first = dates[0] ?? ctx.yesterday;
      const seasonStart = seasonStartDate(seasonStartYear(first));
      const windowFrom = addDays(first, -29) < seasonStart ? addDays(first, -29) : seasonStart;
      return { window_from: windowFrom, as_of_to: dates.at(-1) ?? ctx.yesterday };
    },
    columns: DAILY_COLUMNS,
    key: ['system_id', 'game_date'],
  },
  render: (rows, params, ctx): SystemPerformance => {
    const systems = systemsAsOf(rows, params.date, ctx.systemId);
    return { as_of_date: params.date, generated_at: ctx.generatedAt, systems, comparison: comparisonOf(systems) };
  },
});
