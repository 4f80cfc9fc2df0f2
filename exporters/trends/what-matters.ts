/**
 * trends.what-matters — `v1/trends/what-matters.json`.
 *
 * Consumer: the Trends page's "What Matters Most" (which factors move OVER rates by player type).
 * Freshness: weekly (Mondays). Spec: endpoints-trends-players.md §5, with its listed defects
 * fixed (see CHANGELOG.md): examples from the same classification and capped, rest over all
 * games within a season, home from the game id, null checks in the insights, fixed key sets.
 */
import type { TrendsWhatMatters } from '../../generated/trends/what-matters.ts';
import { defineExporter } from '../../pipeline/define-exporter.ts';
import { countIf, dateSub, param, sql } from '../../pipeline/sql.ts';
import { addDays, seasonStartDate, seasonStartYear } from '../../pipeline/time.ts';
import { latestRegistry } from '../_sql.ts';
import { AS_OF, lineGames } from './_sql.ts';
import { groupBy } from './_shared.ts';
import { ARCHETYPES, SPLIT_COLUMNS, archetypeOf, insightsOf, summarise, type SplitRow } from './what-matters-render.ts';

export const WINDOW_DAYS = 365;
const SCAN_FROM = param.date('scan_from');

export default defineExporter({
  id: 'trends.what-matters',
  schema: 'https://nbaprops.com/v1/schemas/trends/what-matters.schema.json',
  description: 'OVER rates by player archetype, rest and venue over a year. Trends page; weekly.',
  triggers: ['weekly'],
  path: 'trends/what-matters.json',
  cache: 'weekly',
  ownsAllFiles: true,
  params: () => [{}],
  query: {
    sql: sql`
WITH games AS (${lineGames({ scanFrom: SCAN_FROM, from: dateSub(AS_OF, WINDOW_DAYS), to: AS_OF })}),
names AS (${latestRegistry})
SELECT g.player_lookup, COALESCE(n.player_name, g.player_lookup) AS player_full_name, g.rest_bucket, g.is_home,
       COUNT(g.points) AS games, COALESCE(SUM(g.points), 0) AS points,
       ${countIf(sql`g.result = 'OVER'`)} AS overs, ${countIf(sql`g.result = 'UNDER'`)} AS unders
FROM games AS g
LEFT JOIN names AS n ON n.player_lookup = g.player_lookup
GROUP BY g.player_lookup, n.player_name, g.rest_bucket, g.is_home
ORDER BY g.player_lookup, g.rest_bucket, g.is_home`,
    bind: (ctx) => ({ as_of: ctx.today, scan_from: seasonStartDate(seasonStartYear(addDays(ctx.today, -WINDOW_DAYS))) }),
    columns: SPLIT_COLUMNS,
    key: ['player_lookup', 'rest_bucket', 'is_home'],
  },
  render: (rows, _params, ctx): TrendsWhatMatters => {
    const byArchetype = new Map(ARCHETYPES.map((a) => [a, [] as SplitRow[][]]));
    for (const splits of groupBy(rows, (r) => r.player_lookup).values()) {
      const archetype = archetypeOf(splits);
      if (archetype !== null) byArchetype.get(archetype)!.push(splits);
    }
    const archetypes = Object.fromEntries(ARCHETYPES.map((a) => [a, summarise(a, byArchetype.get(a)!)])) as TrendsWhatMatters['archetypes'];
    return { generated_at: ctx.generatedAt, as_of_date: ctx.today, window_days: WINDOW_DAYS, archetypes, key_insights: insightsOf(archetypes) };
  },
});
