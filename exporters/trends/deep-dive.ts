/**
 * trends.deep-dive — `v1/trends/deep-dive-current.json`.
 *
 * Consumer: the Trends page's monthly deep-dive promo card. Freshness: monthly (the 1st, 6 AM ET).
 * Spec: endpoints-trends-players.md §8, with its listed defects fixed (see CHANGELOG.md): the hero
 * statistic is computed for every topic (or null), May–September get an off-season topic, and the
 * file carries its as-of date.
 */
import type { TrendsDeepDive } from '../../generated/trends/deep-dive.ts';
import { defineExporter } from '../../pipeline/define-exporter.ts';
import { countIf, param, sql } from '../../pipeline/sql.ts';
import { addDays, seasonStartDate, seasonStartYear } from '../../pipeline/time.ts';
import { AS_OF, lineGames } from './_sql.ts';
import { DAY_COLUMNS, TOPICS, heroStat } from './deep-dive-topics.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const FROM = param.date('from_date');
const SCAN_FROM = param.date('scan_from');

/** First date the hero statistics may read: the season start or 90 days back, whichever is earlier. */
function windowStart(asOf: string): string {
  const seasonStart = seasonStartDate(seasonStartYear(asOf));
  const back90 = addDays(asOf, -90);
  return back90 < seasonStart ? back90 : seasonStart;
}

export default defineExporter({
  id: 'trends.deep-dive',
  schema: 'https://nbaprops.com/v1/schemas/trends/deep-dive.schema.json',
  description: "This month's deep-dive topic with a hero statistic from the data. Trends page; monthly.",
  triggers: ['monthly'],
  path: 'trends/deep-dive-current.json',
  cache: 'monthly',
  ownsAllFiles: true,
  params: () => [{}],
  query: {
    sql: sql`
WITH games AS (${lineGames({ scanFrom: SCAN_FROM, from: FROM, to: AS_OF })})
SELECT game_date, rest_bucket, ${countIf(sql`result = 'OVER'`)} AS overs, ${countIf(sql`result = 'UNDER'`)} AS unders
FROM games
GROUP BY game_date, rest_bucket
ORDER BY game_date, rest_bucket`,
    bind: (ctx) => ({ as_of: ctx.today, from_date: windowStart(ctx.today), scan_from: seasonStartDate(seasonStartYear(windowStart(ctx.today))) }),
    columns: DAY_COLUMNS,
    key: ['game_date', 'rest_bucket'],
  },
  render: (rows, _params, ctx): TrendsDeepDive => {
    const monthIndex = Number(ctx.today.slice(5, 7));
    const topic = TOPICS[monthIndex]!;
    const month = `${MONTHS[monthIndex - 1]} ${ctx.today.slice(0, 4)}`;
    return {
      generated_at: ctx.generatedAt, as_of_date: ctx.today, month, focus: topic.focus, title: topic.title, subtitle: topic.subtitle,
      hero_stat: heroStat(topic.focus, rows, ctx.today), teaser: topic.teaser,
      slug: `${topic.focus.replaceAll('_', '-')}-${month.toLowerCase().replace(' ', '-')}`, cta: 'Read the full analysis',
    };
  },
});
