/**
 * trends.quick-hits — `v1/trends/quick-hits.json`.
 *
 * Consumer: the Trends page's "Quick Hits" strip (up to 8 OVER-rate facts). Freshness: weekly
 * (Wednesdays). Spec: endpoints-trends-players.md §7, with its listed defects fixed (see
 * CHANGELOG.md): one pooled baseline, ranking by distance from it, a minimum for tiers, rest
 * over every game, a numeric value beside the display string.
 */
import type { TrendsQuickHits } from '../../generated/trends/quick-hits.ts';
import { defineExporter } from '../../pipeline/define-exporter.ts';
import { countIf, dateSub, literal, param, sql, type SqlQuery } from '../../pipeline/sql.ts';
import { addDays, seasonStartDate, seasonStartYear } from '../../pipeline/time.ts';
import { AS_OF, lineGames } from './_sql.ts';
import { GROUP_COLUMNS, MAX_STATS, MIN_SAMPLE, REFRESH_NOTE, candidateStats, compareCandidates } from './quick-hits-render.ts';

export const WINDOW_DAYS = 90;
const SCAN_FROM = param.date('scan_from');

/** Counts of one grouping of the window's games. */
function counts(kind: string, key: SqlQuery): SqlQuery {
  return sql`
SELECT ${literal(kind)} AS kind, ${key} AS group_key, COUNT(points) AS games, COALESCE(SUM(points), 0) AS points,
       ${countIf(sql`result = 'OVER'`)} AS overs, ${countIf(sql`result = 'UNDER'`)} AS unders
FROM games GROUP BY ${key}`;
}

export default defineExporter({
  id: 'trends.quick-hits',
  schema: 'https://nbaprops.com/v1/schemas/trends/quick-hits.schema.json',
  description: 'Up to 8 OVER-rate facts by weekday, rest, venue and player tier over 90 days. Trends page; weekly.',
  triggers: ['weekly'],
  path: 'trends/quick-hits.json',
  cache: 'weekly',
  ownsAllFiles: true,
  params: () => [{}],
  query: {
    sql: sql`
WITH games AS (${lineGames({ scanFrom: SCAN_FROM, from: dateSub(AS_OF, WINDOW_DAYS), to: AS_OF })})
${counts('weekday', sql`CAST(weekday AS STRING)`)}
UNION ALL ${counts('rest', sql`rest_bucket`)}
UNION ALL ${counts('venue', sql`CASE WHEN is_home THEN 'home' ELSE 'away' END`)}
UNION ALL ${counts('player', sql`player_lookup`)}
ORDER BY kind, group_key`,
    bind: (ctx) => ({ as_of: ctx.today, scan_from: seasonStartDate(seasonStartYear(addDays(ctx.today, -WINDOW_DAYS))) }),
    columns: GROUP_COLUMNS,
    key: ['kind', 'group_key'],
  },
  render: (rows, _params, ctx): TrendsQuickHits => {
    const stats = candidateStats(rows).filter((c) => c.stat.sample_size >= MIN_SAMPLE).sort(compareCandidates).map((c) => c.stat);
    return { generated_at: ctx.generatedAt, as_of_date: ctx.today, window_days: WINDOW_DAYS, stats: stats.slice(0, MAX_STATS), total_available: stats.length, refresh_note: REFRESH_NOTE };
  },
});
