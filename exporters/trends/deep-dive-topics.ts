/**
 * The deep-dive topic of each month and its hero statistic, computed from OVER/UNDER counts per
 * date and rest bucket. Pure. Every hero number comes from the data (the old promo published a
 * hard-coded "54%"); when the data has none, the hero is null.
 */
import type { TrendsDeepDive } from '../../generated/trends/deep-dive.ts';
import type { RowOf } from '../../pipeline/row-contract.ts';
import { addDays, seasonLabel, seasonStartDate, seasonStartYear } from '../../pipeline/time.ts';
import { round } from '../_shared.ts';

export const DAY_COLUMNS = { game_date: 'date', rest_bucket: 'string', overs: 'integer', unders: 'integer' } as const;
type DayRow = RowOf<typeof DAY_COLUMNS>;
type Focus = TrendsDeepDive['focus'];
type Hero = NonNullable<TrendsDeepDive['hero_stat']>;

interface Topic { focus: Focus; title: string; subtitle: string; teaser: string }
const OFF_SEASON: Topic = {
  focus: 'season_review', title: 'Season in Review', subtitle: 'What the season taught us about points props',
  teaser: 'The games are over: a look back at how the lines held up across the whole season, and what carries over to the next one.',
};
/** Topic by month (1–12); May–September is the off-season review, not December's topic. */
export const TOPICS: Record<number, Topic> = {
  1: { focus: 'schedule_density', title: 'The January Effect', subtitle: 'How a packed schedule moves scoring', teaser: 'January crams games together. We look at how dense stretches and travel show up against the line.' },
  2: { focus: 'all_star_break', title: 'All-Star Break Impact', subtitle: 'Before and after the break', teaser: 'A week off mid-season: who comes back sharper, who comes back cold, and what the lines expect.' },
  3: { focus: 'playoff_race', title: 'Playoff Push Performance', subtitle: 'When every game matters', teaser: 'Contenders tighten rotations and stars play more minutes. We follow the race through the props.' },
  4: { focus: 'season_end', title: 'End of Season Trends', subtitle: 'Rest days, resting stars and tanking', teaser: 'The final weeks bring load management and unusual lineups. Here is how that moves OVER rates.' },
  5: OFF_SEASON, 6: OFF_SEASON, 7: OFF_SEASON, 8: OFF_SEASON, 9: OFF_SEASON,
  10: { focus: 'season_start', title: 'Season Opener Insights', subtitle: 'Small samples, big swings', teaser: 'New rotations and rusty legs: what the first weeks of a season say, and what they do not.' },
  11: { focus: 'early_season', title: 'November Grind', subtitle: 'Patterns start to settle', teaser: 'A month of games in: which early trends hold up against the line and which fade.' },
  12: { focus: 'rest_impact', title: 'December Deep Dive', subtitle: 'Does rest really matter?', teaser: 'Back-to-backs against two or more days off: the rest effect on OVER rates, measured.' },
};

interface Counts { overs: number; unders: number }
const sum = (rows: readonly DayRow[]): Counts => ({ overs: rows.reduce((s, r) => s + r.overs, 0), unders: rows.reduce((s, r) => s + r.unders, 0) });
const pct = (c: Counts) => (c.overs + c.unders === 0 ? null : (c.overs / (c.overs + c.unders)) * 100);
const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(1)}`;
const hero = (c: Counts, label: string, context: string): Hero => ({ value: `${Math.round(pct(c)!)}%`, over_pct: round(pct(c)!, 1), label, context, sample_size: c.overs + c.unders });

/** The hero of a focus as of a date, or null when its games are missing. */
export function heroStat(focus: Focus, rows: readonly DayRow[], asOf: string): Hero | null {
  const between = (from: string) => rows.filter((r) => r.game_date >= from && r.game_date <= asOf);
  const seasonYear = seasonStartYear(asOf);
  const season = sum(between(seasonStartDate(seasonYear)));
  if (focus === 'rest_impact') {
    const recent = between(addDays(asOf, -90));
    const rested = sum(recent.filter((r) => r.rest_bucket === 'rested'));
    const b2b = pct(sum(recent.filter((r) => r.rest_bucket === 'b2b')));
    if (pct(rested) === null) return null;
    const context = b2b === null ? 'No back-to-back games in the last 90 days' : `vs ${round(b2b, 1)}% on back-to-backs (${signed(round(pct(rested)! - b2b, 1))}%)`;
    return hero(rested, 'OVER rate on 2+ rest days, last 90 days', context);
  }
  if (focus === 'season_review') {
    return pct(season) === null ? null : hero(season, `League-wide OVER rate, ${seasonLabel(seasonYear)} season`, `${season.overs + season.unders} games with a points line`);
  }
  const month = sum(between(addDays(asOf, -30)));
  if (pct(month) === null) return null;
  const context = pct(season) === null ? 'No games earlier this season' : `vs ${round(pct(season)!, 1)}% this season (${signed(round(pct(month)! - pct(season)!, 1))}%)`;
  return hero(month, 'League-wide OVER rate, last 30 days', context);
}
