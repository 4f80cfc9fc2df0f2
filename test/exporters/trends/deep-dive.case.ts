/**
 * Golden cases for trends.deep-dive: a March topic with its 30-day hero, December's rest topic
 * (with and without back-to-backs), the off-season topic in July, and a null hero without games.
 * Hero numbers are counted here from the case rows.
 */
import { expect } from 'vitest';
import { defineCases } from '../../helpers/exporter-case.ts';
import { boxRow, overPctOf } from './fixtures.ts';

const at = (player: string, list: [string, number, number | null][]) => list.map(([date, points, line]) => boxRow(player, { date, team: 'BOS', opp: 'NYK', points, line }));

// Season 2024-25: November games (season only), March games (last 30 days as of March 15), one push.
const SEASON = [
  ...at('alpha', [['2024-11-05', 20, 18.5], ['2024-11-07', 20, 21.5], ['2024-11-09', 20, 22.5], ['2025-03-01', 25, 20.5], ['2025-03-03', 15, 20.5], ['2025-03-05', 22, 20.5]]),
  ...at('bravo', [['2024-11-06', 10, 12.5], ['2025-03-02', 14, 12.5], ['2025-03-04', 12, 12], ['2025-03-06', 16, 12.5], ['2025-03-20', 30, 12.5]]), // the 20th is after the as-of date
];
// December: after two days off 3 of 4 OVER; back-to-backs 1 of 3 OVER.
const DECEMBER = at('charlie', [
  ['2024-11-20', 10, null], ['2024-11-23', 15, 12.5], ['2024-11-24', 10, 12.5], ['2024-11-27', 15, 12.5], ['2024-11-28', 15, 12.5],
  ['2024-12-01', 15, 12.5], ['2024-12-02', 10, 12.5], ['2024-12-05', 10, 12.5],
]);
const ONLY_RESTED = at('delta', [['2024-11-20', 10, null], ['2024-11-25', 15, 12.5], ['2024-11-30', 15, 12.5]]);

export default defineCases([
  {
    name: 'march-playoff-race',
    only: ['trends.deep-dive'],
    asOf: '2025-03-15T16:00:00Z',
    tables: { 'nba_analytics.player_game_summary': SEASON },
    check: ({ files }) => {
      const doc = files['v1/trends/deep-dive-current.json'];
      const month = overPctOf(SEASON.filter((r) => r.game_date >= '2025-02-13' && r.game_date <= '2025-03-15'));
      const season = overPctOf(SEASON.filter((r) => r.game_date <= '2025-03-15'));
      expect(month).toEqual({ pct: 80, n: 5 }); // by hand: 25, 22, 14, 16 over; 15 under; 12 on 12 is a push
      expect(doc).toMatchObject({
        as_of_date: '2025-03-15', month: 'March 2025', focus: 'playoff_race', title: 'Playoff Push Performance', slug: 'playoff-race-march-2025',
        hero_stat: { value: '80%', over_pct: month.pct, sample_size: month.n, context: `vs ${season.pct}% this season (+${(month.pct - season.pct).toFixed(1)}%)` },
      });
    },
  },
  {
    name: 'december-rest',
    only: ['trends.deep-dive'],
    asOf: '2024-12-10T17:00:00Z',
    tables: { 'nba_analytics.player_game_summary': DECEMBER },
    check: ({ files }) => {
      // Rested (2+ days off): 11-23, 11-27, 12-01, 12-05 → 15, 15, 15, 10 → 3 of 4. Back-to-backs: 11-24, 11-28, 12-02 → 1 of 3.
      expect(files['v1/trends/deep-dive-current.json']).toMatchObject({
        focus: 'rest_impact', title: 'December Deep Dive', slug: 'rest-impact-december-2024',
        hero_stat: { value: '75%', over_pct: 75, sample_size: 4, label: 'OVER rate on 2+ rest days, last 90 days', context: 'vs 33.3% on back-to-backs (+41.7%)' },
      });
    },
  },
  {
    name: 'december-without-back-to-backs',
    only: ['trends.deep-dive'],
    asOf: '2024-12-10T17:00:00Z',
    tables: { 'nba_analytics.player_game_summary': ONLY_RESTED },
    check: ({ files }) => {
      expect(files['v1/trends/deep-dive-current.json'].hero_stat).toMatchObject({ over_pct: 100, context: 'No back-to-back games in the last 90 days' });
    },
  },
  {
    name: 'july-off-season',
    only: ['trends.deep-dive'],
    asOf: '2025-07-01T16:00:00Z',
    tables: { 'nba_analytics.player_game_summary': SEASON },
    check: ({ files }) => {
      const all = overPctOf(SEASON);
      expect(files['v1/trends/deep-dive-current.json']).toMatchObject({
        month: 'July 2025', focus: 'season_review', title: 'Season in Review', slug: 'season-review-july-2025',
        hero_stat: { over_pct: all.pct, sample_size: all.n, label: 'League-wide OVER rate, 2024-25 season' },
      });
    },
  },
  {
    name: 'october-without-games',
    only: ['trends.deep-dive'],
    asOf: '2025-10-01T16:00:00Z',
    tables: {},
    check: ({ files }) => {
      expect(files['v1/trends/deep-dive-current.json']).toMatchObject({ focus: 'season_start', hero_stat: null, slug: 'season-start-october-2025' });
    },
  },
]);
