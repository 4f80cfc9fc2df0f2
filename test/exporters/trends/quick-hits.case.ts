/**
 * Golden cases for trends.quick-hits. Sixteen players play on fixed patterns for 90 days with
 * OVERs leaning to Saturdays, stars and rested games; a reference implementation here recounts
 * every candidate from the rows (weekday, rest over all games, venue from the game id, tiers
 * with a minimum of games) and the published list must match it.
 */
import { expect } from 'vitest';
import { addDays } from '../../../pipeline/time.ts';
import { defineCases } from '../../helpers/exporter-case.ts';
import { boxRow, withRest } from './fixtures.ts';

const AS_OF_DATE = '2025-03-15';
type Box = ReturnType<typeof boxRow>;
const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday

/** Player k plays on days where (d + k) % period != 0 (period 3: two on, one off; period 1: every third day). */
function player(k: number, ppg: number, pattern: 'pairs' | 'thirds'): Box[] {
  const rows: Box[] = [];
  for (let d = 1; d <= 95; d++) {
    if (pattern === 'pairs' ? (d + k) % 3 === 0 : (d + k) % 3 !== 0) continue;
    const date = addDays(AS_OF_DATE, -d);
    const lean = 50 + (weekdayOf(date) === 6 ? 20 : 0) + (weekdayOf(date) === 1 ? -20 : 0) + (ppg >= 22 ? 12 : 0) + (pattern === 'thirds' ? 8 : 0);
    const roll = (d * 37 + k * 11) % 100;
    const line = d % 9 === 0 ? null : d % 13 === 0 ? ppg : roll < lean ? ppg - 0.5 : ppg + 0.5; // some without a line, some pushes
    rows.push(boxRow(`p${k}`, { date, team: 'BOS', opp: 'NYK', points: ppg, line, home: (d + k) % 2 === 0 }));
  }
  return rows;
}
const PPG = [25, 25, 24, 18, 16, 12, 10, 9, 6, 5, 5, 4, 20, 11, 7, 3];
const BOX = [...PPG.flatMap((ppg, k) => player(k, ppg, k < 12 ? 'pairs' : 'thirds')),
  ...[1, 2, 3, 4].map((d) => boxRow('cameo', { date: addDays(AS_OF_DATE, -d * 7), team: 'BOS', opp: 'NYK', points: 40, line: 39.5 }))];

/** Reference: every candidate with its percentage, baseline and sample, in published order. */
function reference() {
  const from = addDays(AS_OF_DATE, -90);
  const tagged = withRest(BOX).filter(({ b }) => b.game_date >= from).map((t) => ({ ...t, home: t.b.game_id.endsWith('_BOS'), day: weekdayOf(t.b.game_date) }));
  const ppg = new Map<string, number>();
  for (const p of new Set(BOX.map((b) => b.player_lookup))) {
    const games = tagged.filter((t) => t.b.player_lookup === p);
    if (games.length >= 5) ppg.set(p, games.reduce((s, t) => s + t.b.points!, 0) / games.length);
  }
  const decided = tagged.filter((t) => t.b.points_line !== null && t.b.points !== t.b.points_line);
  const pct = (ts: typeof decided) => Math.round((ts.filter((t) => t.b.points! > t.b.points_line!).length / ts.length) * 1000) / 10;
  const base = pct(decided);
  const out: { id: string; over_pct: number; baseline_pct: number; sample_size: number; distance: number; order: number }[] = [];
  const add = (id: string, ts: typeof decided, min: number, order: number) => {
    if (ts.length === 0) return;
    const p = pct(ts);
    const diff = Math.round((p - base) * 10) / 10;
    if (Math.abs(diff) >= min && ts.length >= 50) out.push({ id, over_pct: p, baseline_pct: base, sample_size: ts.length, distance: Math.abs(diff), order });
  };
  ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'].forEach((name, day) => add(`${name}_overs`, decided.filter((t) => t.day === day), 2, 0));
  for (const bucket of ['b2b', 'one_day', 'rested']) add(`${bucket}_overs`, decided.filter((t) => t.rest === bucket), 1.5, 1);
  const home = pct(decided.filter((t) => t.home));
  const away = pct(decided.filter((t) => !t.home));
  if (Math.abs(home - away) >= 2) out.push({ id: 'home_away_split', over_pct: Math.max(home, away), baseline_pct: Math.min(home, away), sample_size: decided.filter((t) => t.home === home > away).length, distance: Math.round(Math.abs(home - away) * 10) / 10, order: 1 });
  const tierOf = (p: string) => { const v = ppg.get(p); return v === undefined ? null : v >= 22 ? 'stars' : v >= 15 ? 'scorers' : v >= 8 ? 'rotation' : 'bench'; };
  for (const tier of ['stars', 'scorers', 'rotation', 'bench']) add(`${tier}_overs`, decided.filter((t) => tierOf(t.b.player_lookup) === tier), 2, 2);
  return out.sort((a, b) => b.distance - a.distance || a.order - b.order || a.id.localeCompare(b.id));
}

export default defineCases([
  {
    name: 'ninety-days',
    only: ['trends.quick-hits'],
    asOf: '2025-03-15T16:00:00Z',
    tables: { 'nba_analytics.player_game_summary': BOX },
    check: ({ files }) => {
      const doc = files['v1/trends/quick-hits.json'];
      const ref = reference();
      expect(doc.total_available).toBe(ref.length);
      expect(doc.stats.map((s: { id: string; over_pct: number; baseline_pct: number; sample_size: number }) => ({ id: s.id, over_pct: s.over_pct, baseline_pct: s.baseline_pct, sample_size: s.sample_size })))
        .toEqual(ref.slice(0, 8).map(({ id, over_pct, baseline_pct, sample_size }) => ({ id, over_pct, baseline_pct, sample_size })));
      // The construction leans Saturdays up and Mondays down by 20 points: both must be listed, with the right trend.
      const saturday = doc.stats.find((s: { id: string }) => s.id === 'saturday_overs');
      expect(saturday).toMatchObject({ category: 'day_of_week', headline: 'Saturday Surge', trend: 'positive', stat: `${saturday.over_pct.toFixed(1)}%` });
      expect(doc.stats.find((s: { id: string }) => s.id === 'monday_overs')).toMatchObject({ headline: 'Monday Slump', trend: 'negative' });
      expect(doc.stats.length).toBeLessThanOrEqual(8);
    },
  },
  {
    name: 'no-line-games',
    only: ['trends.quick-hits'],
    asOf: '2025-03-15T16:00:00Z',
    tables: { 'nba_analytics.player_game_summary': BOX.map((b) => ({ ...b, points_line: null })) },
    check: ({ files }) => {
      expect(files['v1/trends/quick-hits.json']).toMatchObject({ stats: [], total_available: 0, refresh_note: 'Stats refresh every Wednesday' });
    },
  },
]);
