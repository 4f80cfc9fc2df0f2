/**
 * Golden cases for trends.whos-hot. Hit rates, streaks and heat scores are worked out here from
 * the case rows; `hotone`'s numbers are also written out by hand.
 */
import { expect } from 'vitest';
import { defineCases } from '../../helpers/exporter-case.ts';
import { boxRow, games, registryRow, scheduleRow, sides } from './fixtures.ts';

const AS_OF_DATE = '2025-03-15';
const AS_OF = '2025-03-15T16:00:00Z'; // noon in New York

const HOT = games('hotone', { asOf: AS_OF_DATE, team: 'NYK', line: 20.5, points: [25, 27, 22, 18, 24, 26] }); // O O O U O O
const PUSHER = games('pushguy', { asOf: AS_OF_DATE, team: 'BOS', line: 20, points: [20, 25, 20, 18, 23, 24, 19] }); // P O P U O O U
const UNDER_MIN = [
  ...games('fourgames', { asOf: AS_OF_DATE, team: 'MIA', line: 15.5, points: [20, 21, 22, 23, null] }),
  boxRow('fourgames', { date: '2025-02-12', team: 'MIA', opp: 'OPP', points: 30, line: 15.5 }), // 31 days back: outside the window
];
const TRADED = [
  ...games('traded', { asOf: AS_OF_DATE, team: 'LAL', line: 12.5, points: [14, 15, 10], home: false }),
  ...games('traded', { asOf: AS_OF_DATE, team: 'CHA', line: 12.5, points: [13, 9, 16], daysAgo: 4 }),
  boxRow('traded', { date: '2025-02-13', team: 'CHA', opp: 'OPP', points: 11, line: 12.5 }), // exactly 30 days back: inside
];
const COLD = games('coldone', { asOf: AS_OF_DATE, team: 'DEN', line: 18.5, points: [10, 12, 15, 11, 9, 14] });
const TWINS = ['twinalpha', 'twinbeta'].flatMap((p) => games(p, { asOf: AS_OF_DATE, team: 'UTA', line: 10.5, points: [12, 8, 13, 9, 11] }));
const BOX = [...HOT, ...PUSHER, ...UNDER_MIN, ...TRADED, ...COLD, ...TWINS];

type Box = (typeof BOX)[number];
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const r = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/** Reference card of a player, computed from his case rows (newest first). */
function expected(player: string) {
  const rows = BOX.filter((b) => b.player_lookup === player && b.game_date >= '2025-02-13' && b.points !== null && b.points_line !== null)
    .sort((a, b) => b.game_date.localeCompare(a.game_date));
  const { overs, unders, pushes } = sides(rows);
  const decidedRows = rows.filter((b: Box) => b.points !== b.points_line);
  const first = decidedRows[0]!.points! > decidedRows[0]!.points_line!;
  let streak = 0;
  while (streak < decidedRows.length && (decidedRows[streak]!.points! > decidedRows[streak]!.points_line!) === first) streak++;
  const margin = rows.reduce((s, b) => s + b.points! - b.points_line!, 0) / rows.length;
  const hit = overs / (overs + unders);
  const heat = 10 * (0.5 * hit + 0.25 * clamp01(((first ? streak : -streak) + 10) / 20) + 0.25 * clamp01((margin + 10) / 20));
  return { hit_rate: r(hit, 3), hit_rate_games: overs + unders, push_games: pushes, current_streak: streak, streak_direction: first ? 'over' : 'under', avg_margin: r(margin, 2), heat_score: r(heat, 1) };
}

export default defineCases([
  {
    name: 'hot-and-cold',
    only: ['trends.whos-hot'],
    asOf: AS_OF,
    tables: {
      'nba_analytics.player_game_summary': BOX,
      'nba_raw.nbac_schedule': [scheduleRow('0022401010', AS_OF_DATE, 'GSW', 'LAL', '2025-03-16T02:30:00Z')],
      'nba_reference.nba_players_registry': [registryRow('hotone', 'Hot One', 'NYK', '2024-25', 'G'), registryRow('traded', 'Tra Ded', 'CHA')],
    },
    check: ({ files }) => {
      const doc = files['v1/trends/whos-hot-v2.json'];
      // By hand: hotone is O O O U O O against 20.5 → 5/6 = 0.833, a 3-game OVER streak, margin 19/6 = 3.17,
      // heat 10 × (0.5 × 0.8333 + 0.25 × 13/20 + 0.25 × 13.1667/20) = 7.44 → 7.4.
      expect(doc.hot[0]).toMatchObject({ rank: 1, player_lookup: 'hotone', player_full_name: 'Hot One', position: 'G', hit_rate: 0.833, hit_rate_games: 6, current_streak: 3, streak_direction: 'over', avg_margin: 3.17, heat_score: 7.4 });
      for (const p of ['hotone', 'pushguy', 'traded', 'coldone', 'twinalpha']) {
        const card = [...doc.hot, ...doc.cold].find((c: { player_lookup: string }) => c.player_lookup === p);
        expect(card, p).toMatchObject(expected(p));
      }
      // pushguy has exactly min_games OVER/UNDER games once his two pushes are left out; fourgames has four in the window.
      expect(expected('pushguy')).toMatchObject({ hit_rate_games: 5, push_games: 2, current_streak: 1 });
      expect(doc.total_qualifying_players).toBe(6);
      const listed = [...doc.hot, ...doc.cold].map((c: { player_lookup: string }) => c.player_lookup);
      expect(listed).not.toContain('fourgames');
      expect(new Set(listed).size).toBe(6); // disjoint: 3 hot, 3 cold
      expect(doc.hot).toHaveLength(3);
      expect(doc.cold[0].player_lookup).toBe('coldone');
      // traded and the twins tie on heat 5.6 (hit rate decides); the identical twins tie on every number and
      // straddle the hot/cold boundary, so player_lookup decides which list each is in.
      const cards = ['hotone', 'pushguy', 'traded', 'coldone', 'twinalpha', 'twinbeta'].map((p) => ({ p, ...expected(p) }));
      const order = cards.sort((a, b) => b.heat_score - a.heat_score || b.hit_rate - a.hit_rate || b.hit_rate_games - a.hit_rate_games || a.p.localeCompare(b.p)).map((c) => c.p);
      expect(order).toEqual(['hotone', 'pushguy', 'twinalpha', 'twinbeta', 'traded', 'coldone']);
      expect(doc.hot.map((c: { player_lookup: string }) => c.player_lookup)).toEqual(order.slice(0, 3));
      expect(doc.cold.map((c: { player_lookup: string }) => c.player_lookup)).toEqual(['coldone', 'traded', 'twinbeta']);
      const traded = [...doc.hot, ...doc.cold].find((c: { player_lookup: string }) => c.player_lookup === 'traded');
      expect(traded).toMatchObject({ team_abbr: 'LAL', playing_tonight: true, tonight: { game_id: '0022401010', opponent: 'GSW', home: false, game_time: '10:30 PM ET' } });
      expect(doc.hot[0]).toMatchObject({ playing_tonight: false, tonight: null });
      const all = [...doc.hot, ...doc.cold].map((c: { player_lookup: string }) => expected(c.player_lookup));
      expect(doc.league_average.hit_rate).toBe(r(all.reduce((s, c) => s + c.hit_rate, 0) / all.length, 3));
    },
  },
  {
    name: 'nobody-qualifies',
    only: ['trends.whos-hot'],
    asOf: AS_OF,
    tables: { 'nba_analytics.player_game_summary': UNDER_MIN },
    check: ({ files }) => {
      expect(files['v1/trends/whos-hot-v2.json']).toMatchObject({ total_qualifying_players: 0, hot: [], cold: [], league_average: { hit_rate: null, avg_margin: null } });
    },
  },
]);
