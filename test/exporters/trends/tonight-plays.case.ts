/**
 * Golden cases for trends.tonight-plays: one player per trend type built so that its numbers can
 * be worked out by hand, a player who qualifies twice, a traded player, a team not playing, a
 * game after the as-of date that must not be read, and a night without games.
 */
import { expect } from 'vitest';
import { defineCases } from '../../helpers/exporter-case.ts';
import { boxRow, games, scheduleRow } from './fixtures.ts';

const DATE = '2025-03-15';
const AS_OF = '2025-03-15T16:00:00Z';
const at = (player: string, team: string, list: [string, number, number | null][]) =>
  list.map(([date, points, line]) => boxRow(player, { date, team, opp: 'OPP', points, line }));

// Every second day, newest first: O O P O (no line) O O U O O U against 20.5 → a 5-game OVER streak.
const STREAKER = [
  ...games('streaker', { asOf: DATE, team: 'BOS', line: 20.5, points: [25, 22], step: 2 }),
  boxRow('streaker', { date: '2025-03-10', team: 'BOS', opp: 'OPP', points: 20, line: 20 }),
  ...games('streaker', { asOf: DATE, team: 'BOS', line: 20.5, points: [23], daysAgo: 7 }),
  ...games('streaker', { asOf: DATE, team: 'BOS', line: null, points: [18], daysAgo: 9 }),
  ...games('streaker', { asOf: DATE, team: 'BOS', line: 20.5, points: [30, 24, 15, 26, 27, 12], daysAgo: 11, step: 2 }),
  boxRow('streaker', { date: DATE, team: 'BOS', opp: 'OPP', points: 5, line: 20.5 }), // today: not read
];
// Five UNDERs (5 vs 10.5) after ten 20-point games without a line: a streak and a slump; the streak wins.
const BOTH = [
  ...games('both', { asOf: DATE, team: 'BOS', line: 10.5, points: [5, 5, 5, 5, 5] }),
  ...games('both', { asOf: DATE, team: 'BOS', line: null, points: Array<number>(10).fill(20), daysAgo: 6 }),
];
// No lines; 25 a game over the last 5, 15 over the 10 before.
const MOMO = games('momo', { asOf: DATE, team: 'NYK', line: null, points: [...Array<number>(5).fill(25), ...Array<number>(10).fill(15)] });
// Back-to-back second nights score 12, other nights 20; he played yesterday.
const TIRED = at('tiredguy', 'GSW', [
  ['2025-01-05', 20, null], ['2025-01-06', 12, null], ['2025-01-10', 20, null], ['2025-01-11', 12, null],
  ['2025-01-15', 20, null], ['2025-01-16', 12, null], ['2025-01-20', 20, null], ['2025-01-21', 12, null], ['2025-03-14', 16, null],
]);
// After three days off he scores 26, on back-to-backs 16; his last game was four days ago.
const FRESH = at('freshguy', 'LAL', [
  ['2024-12-01', 16, null], ['2024-12-02', 16, null], ['2024-12-05', 26, null], ['2024-12-06', 16, null], ['2024-12-09', 26, null], ['2024-12-10', 16, null],
  ['2024-12-13', 26, null], ['2024-12-14', 16, null], ['2024-12-17', 26, null], ['2024-12-18', 16, null], ['2024-12-21', 26, null], ['2025-03-11', 20, null],
]);
const TRADED = games('traded', { asOf: DATE, team: 'LAL', line: 12.5, points: [15, 16, 17, 10] }); // now with GSW per the context
const IDLE = games('idle', { asOf: DATE, team: 'MIA', line: 10.5, points: [20, 20, 20, 20, 20, 20] }); // MIA does not play

const SCHEDULE = [
  scheduleRow('0022401020', DATE, 'NYK', 'BOS', '2025-03-15T23:30:00Z'),
  scheduleRow('0022401021', DATE, 'GSW', 'LAL', '2025-03-16T02:30:00Z'),
];
const context = (player: string, team: string, processedAt = '2025-03-15T12:00:00Z') =>
  ({ player_lookup: player, game_id: team === 'GSW' || team === 'LAL' ? '0022401021' : '0022401020', game_date: DATE, team_abbr: team, opponent_team_abbr: 'OPP', processed_at: processedAt });
const TABLES = {
  'nba_analytics.player_game_summary': [...STREAKER, ...BOTH, ...MOMO, ...TIRED, ...FRESH, ...TRADED, ...IDLE],
  'nba_analytics.upcoming_player_game_context': [context('traded', 'GSW'), context('traded', 'GSW', '2025-03-15T11:00:00Z'), context('rookie', 'NYK')],
};

const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const r1 = (x: number) => Math.round(x * 10) / 10;

export default defineCases([
  {
    name: 'trend-night',
    only: ['trends.tonight-plays'],
    asOf: AS_OF,
    tables: { ...TABLES, 'nba_raw.nbac_schedule': SCHEDULE },
    check: ({ files }) => {
      const doc = files['v1/trends/tonight-plays.json'];
      const byPlayer = Object.fromEntries(doc.trend_plays.map((p: { player_lookup: string }) => [p.player_lookup, p]));
      expect(doc.trend_plays.map((p: { player_lookup: string }) => p.player_lookup)).toEqual(['both', 'streaker', 'momo', 'traded', 'freshguy', 'tiredguy']);
      expect(doc).toMatchObject({ games_tonight: 2, total_trend_plays: 6, by_trend_type: { streak: 3, momentum: 1, rest: 2 } });
      // Margins over the ten line games: 4.5 1.5 0 2.5 9.5 3.5 −5.5 5.5 6.5 −8.5 = 19.5 → 1.95 → 2.0; 7 OVERs in 9 decided games.
      expect(byPlayer.streaker).toMatchObject({ trend_type: 'streak', trend_direction: 'over', confidence: 'high', trend_details: { streak_length: 5, avg_margin: 2, hit_rate_l10: 0.778 } });
      expect(byPlayer.both).toMatchObject({ trend_type: 'streak', trend_direction: 'under', trend_details: { streak_length: 5, avg_margin: -5.5 } });
      const l15 = avg(MOMO.map((g) => g.points!));
      expect(byPlayer.momo).toMatchObject({
        trend_type: 'momentum', trend_direction: 'over', confidence: 'high',
        trend_details: { momentum_type: 'surging', l5_avg: 25, l15_avg: r1(l15), pct_change: r1(((25 - l15) / l15) * 100), ppg_change: r1(25 - l15) },
      });
      // tiredguy: four back-to-back nights at 12 against 144 / 9 = 16 overall → −4.0, under, 4 games.
      expect(byPlayer.tiredguy).toMatchObject({ trend_type: 'rest', trend_direction: 'under', confidence: 'medium', trend_details: { rest_status: 'tired', days_rest: 1, b2b_avg: 12, overall_avg: 16, rest_impact: -4, sample_games: 4 } });
      const overall = avg(FRESH.map((g) => g.points!));
      expect(byPlayer.freshguy).toMatchObject({ trend_type: 'rest', trend_direction: 'over', trend_details: { rest_status: 'fresh', days_rest: 4, rested_avg: 26, b2b_avg: 16, overall_avg: r1(overall), rest_impact: r1(26 - overall), sample_games: 5 } });
      expect(byPlayer.traded).toMatchObject({ team_abbr: 'GSW', trend_details: { streak_length: 3 }, tonight: { game_id: '0022401021', opponent: 'LAL', home: true, game_time: '10:30 PM ET' } });
      expect(byPlayer.momo.tonight).toMatchObject({ opponent: 'BOS', home: true, game_time: '7:30 PM ET' });
      expect(byPlayer.idle).toBeUndefined();
    },
  },
  {
    name: 'night-without-games',
    only: ['trends.tonight-plays'],
    asOf: AS_OF,
    tables: { ...TABLES, 'nba_raw.nbac_schedule': [scheduleRow('0022401019', '2025-03-14', 'NYK', 'BOS', '2025-03-14T23:30:00Z', 3)] },
    check: ({ files }) => {
      expect(files['v1/trends/tonight-plays.json']).toMatchObject({ games_tonight: 0, total_trend_plays: 0, trend_plays: [], by_trend_type: { streak: 0, momentum: 0, rest: 0 } });
    },
  },
]);
