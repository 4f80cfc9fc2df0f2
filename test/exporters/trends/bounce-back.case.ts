/**
 * Golden cases for trends.bounce-back. Season-to-date averages, bad games and bounce-backs are
 * recomputed here from the case rows by a reference implementation; bounceguy's are also by hand.
 */
import { expect } from 'vitest';
import { addDays, seasonStartYear } from '../../../pipeline/time.ts';
import { defineCases } from '../../helpers/exporter-case.ts';
import { boxRow, scheduleRow } from './fixtures.ts';

const AS_OF_DATE = '2025-03-15';

/** Chronological games every second day, the last one `lastDaysAgo` days before the as-of date. */
function series(player: string, team: string, points: number[], lastDaysAgo = 1, end = AS_OF_DATE) {
  return points.map((p, i) => boxRow(player, { date: addDays(end, -(lastDaysAgo + 2 * (points.length - 1 - i))), team, opp: 'OPP', points: p, line: null }));
}
const twenties = (n: number) => Array<number>(n).fill(20);

// 20 games averaging exactly 20, then 10: exactly the threshold below. Bad games 8, 9, 8 each bounced back.
const BOUNCE = [...series('bounceguy', 'BOS', [...twenties(10), 8, 25, 20, 20, 9, 31, 20, 20, 8, 39, 10]),
  boxRow('bounceguy', { date: addDays(AS_OF_DATE, 1), team: 'BOS', opp: 'OPP', points: 40, line: null })]; // after the as-of date: never read
const NO_HISTORY = series('nohistory', 'NYK', [...Array<number>(12).fill(30), 15]);
const SHORT = series('shorty', 'DEN', [...twenties(9), 5]);
const STALE = series('stale', 'UTA', [...twenties(12), 5], 8);
// Last season: three bad games, the last one with no later game that season (the next season's opener does not resolve it).
const LAST_SEASON = [...series('lastseason', 'MIA', [...twenties(10), 5, 25, 20, 6, 24, 20, 4], 1, '2024-04-14'),
  ...series('lastseason', 'CHA', [...twenties(12), 6], 3)];
const TODAY = series('todayguy', 'LAL', [...twenties(12), 5], 0);
const BOX = [...BOUNCE, ...NO_HISTORY, ...SHORT, ...STALE, ...LAST_SEASON, ...TODAY];

/** Reference: per player, season-to-date averages before each game, bad and bounced games, the newest game. */
function analyse(player: string) {
  const rows = BOX.filter((b) => b.player_lookup === player && b.game_date <= AS_OF_DATE).sort((a, b) => a.game_date.localeCompare(b.game_date));
  let bad = 0;
  let bounced = 0;
  const before = rows.map((row, i) => {
    const season = rows.slice(0, i).filter((r) => seasonStartYear(r.game_date) === seasonStartYear(row.game_date));
    return { n: season.length, avg: season.reduce((s, r) => s + r.points!, 0) / season.length };
  });
  rows.forEach((row, i) => {
    const next = rows[i + 1];
    if (before[i]!.n < 10 || before[i]!.avg - row.points! < 10) return;
    if (!next || seasonStartYear(next.game_date) !== seasonStartYear(row.game_date)) return;
    bad += 1;
    if (next.points! >= before[i]!.avg) bounced += 1;
  });
  const last = rows.at(-1)!;
  return { bad, bounced, last, avg: before.at(-1)!.avg, n: before.at(-1)!.n };
}

const r = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

export default defineCases([
  {
    name: 'bounce-back-watch',
    only: ['trends.bounce-back'],
    asOf: '2025-03-15T16:00:00Z',
    tables: {
      'nba_analytics.player_game_summary': BOX,
      'nba_raw.nbac_schedule': [scheduleRow('0022401011', AS_OF_DATE, 'BOS', 'LAL', '2025-03-15T23:30:00Z')],
    },
    check: ({ files }) => {
      const doc = files['v1/trends/bounce-back.json'];
      expect(doc.bounce_back_candidates.map((c: { player_lookup: string }) => c.player_lookup)).toEqual(['bounceguy', 'nohistory', 'todayguy', 'lastseason']);
      expect(doc.total_candidates).toBe(4); // shorty has 9 games before, stale played 8 days ago
      // By hand: 400 points in 20 games → 20.0; 10 is exactly 10 below. Bad games 8 (avg 20), 9 (273/14 = 19.5) and
      // 8 (353/18 = 19.6) were followed by 25, 31 and 39: 3 of 3. The 40 after the as-of date is never read.
      expect(doc.bounce_back_candidates[0]).toMatchObject({
        rank: 1, team_abbr: 'BOS', season_average: 20, season_games_before: 20, shortfall: 10, bounce_back_rate: 1, bounce_back_sample: 3, significance: 'low',
        last_game: { date: '2025-03-14', result: 10, margin: -10 }, playing_tonight: true, tonight: { opponent: 'LAL', home: true, game_time: '7:30 PM ET' },
      });
      for (const c of doc.bounce_back_candidates) {
        const ref = analyse(c.player_lookup);
        expect(c, c.player_lookup).toMatchObject({ season_average: r(ref.avg, 1), shortfall: r(ref.avg - ref.last.points!, 1), bounce_back_sample: ref.bad, season_games_before: ref.n });
        expect(c.bounce_back_rate).toBe(ref.bad >= 3 ? r(ref.bounced / ref.bad, 3) : null);
      }
      // Last season's third bad game is not resolved by the next season's opener: 2 resolved, so no rate.
      expect(analyse('lastseason')).toMatchObject({ bad: 2, bounced: 2 });
      expect(doc.bounce_back_candidates[3]).toMatchObject({ team_abbr: 'CHA', bounce_back_rate: null });
      // todayguy played today: his team's game today is not "tonight".
      expect(doc.bounce_back_candidates[2]).toMatchObject({ player_lookup: 'todayguy', playing_tonight: false, tonight: null });
      const pooled = ['bounceguy', 'nohistory', 'shorty', 'stale', 'lastseason', 'todayguy'].map(analyse);
      const bad = pooled.reduce((s, p) => s + p.bad, 0);
      expect(doc.league_baseline).toEqual({ avg_bounce_back_rate: r(pooled.reduce((s, p) => s + p.bounced, 0) / bad, 3), sample_size: bad });
    },
  },
]);
