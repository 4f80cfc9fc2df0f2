/**
 * Golden cases for players.season: pages for every qualifying player's current season and each
 * season he played in during the window; blocks recomputed from the fixture lists (reference.ts).
 * Shot profiles compare percentages with percentages (the old fraction cut-offs made every
 * player `interior`); prop hit rates stop at the season's end; streaks skip games without a line.
 */
import { expect } from 'vitest';
import { defineCases } from '../../helpers/exporter-case.ts';
import { AS_OF, CALLS, TABLES, overUnder, seasonOf } from './fixtures.ts';
import { avg, gapOf, overRate, round, seasonGamesOf } from './reference.ts';

const pathOf = (player: string, season: string) => `v1/players/${player}/season/${season}.json`;
const PAGES = [['fivegames', '2024-25'], ['injured', '2023-24'], ['injured', '2024-25'], ['star', '2023-24'], ['star', '2024-25'], ['traded', '2024-25']];

function reference(player: string, season: number) {
  const games = seasonGamesOf(player, season);
  const results = games.map((g) => overUnder(g.points, g.line)).filter((r) => r !== null);
  const streak = results.findIndex((r) => r !== results[0]);
  const length = results.length === 0 ? 0 : streak === -1 ? results.length : streak;
  const ppg = avg(games.map((g) => g.points));
  const l5 = avg(games.slice(0, 5).map((g) => g.points));
  const hit = overRate(games.slice(0, 10));
  const signed = results[0] === 'UNDER' ? -length : length;
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  const heat = games.length === 0 ? null : round(10 * (0.5 * (hit ?? 0.5) + 0.25 * clamp(0.5 + signed / 20) + 0.25 * clamp((l5! - ppg! + 10) / 20)), 1);
  const calls = CALLS.filter((c) => c.player === player && seasonOf(c.date) === season && games.some((g) => g.date === c.date) && c.line !== null);
  const overs = calls.filter((c) => c.actual > c.line!).length;
  const unders = calls.filter((c) => c.actual < c.line!).length;
  const split = (test: (g: (typeof games)[number]) => boolean) => {
    const list = games.filter(test);
    return { games: list.length, ppg: avg(list.map((g) => g.points)), over_rate: overRate(list) };
  };
  return {
    games, ppg, length, direction: results.length === 0 ? null : results[0] === 'OVER' ? 'over' : 'under', heat, hit, l5, overs, unders,
    splits: {
      home: split((g) => g.home), away: split((g) => !g.home),
      rested: split((g) => (gapOf(g) ?? 0) >= 2), back_to_back: split((g) => gapOf(g) === 1),
    },
  };
}

export default defineCases([
  {
    name: 'season-pages',
    only: ['players.season'],
    asOf: AS_OF,
    tables: TABLES,
    check: ({ files, manifest }) => {
      expect(manifest.build.query_count).toBe(1);
      expect(Object.keys(files).sort()).toEqual(PAGES.map(([p, s]) => pathOf(p!, s!)).sort());

      const star = files[pathOf('star', '2024-25')];
      const ref = reference('star', 2024);
      expect(star.player_profile).toEqual({
        position: 'G-F', team_abbr: 'NYK', player_tier: ref.ppg! >= 25 ? 'elite' : ref.ppg! >= 15 ? 'starter' : 'role_player', shot_profile: 'perimeter',
        shot_zones: { paint_rate: 28.5, mid_range_rate: 19.5, three_pt_rate: 52, as_of: '2025-03-13' },
      });
      expect(star.averages).toEqual({
        games: 30, ppg: ref.ppg, rpg: avg(ref.games.map((g) => g.rebounds === undefined ? 6 : g.rebounds)), apg: 4, spg: 1, bpg: 0, topg: 2,
        fg_pct: round(8 / 17, 3), three_pct: round(3 / 8, 3), ft_pct: 1, minutes: 30,
      });
      expect(star.current_form).toEqual({
        heat_score: ref.heat, temperature: ref.heat! >= 8 ? 'hot' : ref.heat! >= 6.5 ? 'warm' : ref.heat! >= 4.5 ? 'neutral' : ref.heat! >= 3 ? 'cool' : 'cold',
        current_streak: ref.length, streak_direction: ref.direction, l5_avg: ref.l5, l10_avg: avg(ref.games.slice(0, 10).map((g) => g.points)), hit_rate_l10: ref.hit,
      });
      expect(star.current_form).toMatchObject({ current_streak: 2, streak_direction: 'over' }); // OVER, OVER, (no line: skipped), UNDER
      expect(star.splits).toEqual(ref.splits);
      const homeDiff = round(ref.splits.home.ppg! - ref.splits.away.ppg!, 1);
      expect(star.key_patterns.find((p: { pattern: string }) => p.pattern === 'home_performer')).toEqual({
        pattern: 'home_performer', description: `+${homeDiff.toFixed(1)} PPG at home`, strength: homeDiff >= 4 ? 'strong' : 'moderate',
      });
      const calls = CALLS.filter((c) => c.player === 'star' && seasonOf(c.date) === 2024);
      expect(star.prop_hit_rates.points).toEqual({ games: ref.overs + ref.unders, overs: ref.overs, unders: ref.unders, over_rate: round(ref.overs / (ref.overs + ref.unders), 3) });
      expect(star.prop_hit_rates.total_recommendations).toBe(calls.filter((c) => (c.rec === 'OVER' || c.rec === 'UNDER') && c.line !== null).length);
      expect(star.game_log).toHaveLength(30);
      expect(star.game_log[0]).toMatchObject({ date: '2025-03-14', opponent: 'BOS', is_home: true, points: 24, result: 'OVER', team_won: true });
      expect(star.monthly.map((m: { month: string }) => m.month)).toEqual(['Jan', 'Feb', 'Mar']);
      expect(star.monthly.reduce((n: number, m: { games: number }) => n + m.games, 0)).toBe(30);

      // Last season's page: the whole season up to today, its own shot snapshot, its own graded games only.
      const last = files[pathOf('star', '2023-24')];
      expect(last.averages.games).toBe(seasonGamesOf('star', 2023).length);
      expect(last.player_profile).toMatchObject({ shot_profile: 'interior', shot_zones: { as_of: '2024-04-14' } });
      expect(last.prop_hit_rates.total_recommendations).toBe(3);

      // A qualifying player without a game this season: an empty page, every key present.
      expect(files[pathOf('injured', '2024-25')]).toMatchObject({
        player_profile: { position: null, team_abbr: null, player_tier: 'role_player', shot_profile: 'balanced', shot_zones: null },
        averages: { games: 0, ppg: null, fg_pct: null, minutes: null },
        current_form: { heat_score: null, temperature: null, current_streak: 0, streak_direction: null, l5_avg: null, hit_rate_l10: null },
        key_patterns: [], game_log: [], monthly: [],
        prop_hit_rates: { points: { games: 0, overs: 0, unders: 0, over_rate: null }, total_recommendations: 0, correct: 0, win_rate: null },
        splits: { home: { games: 0, ppg: null, over_rate: null } },
      });
      // Traded: team of his newest game; mid-range shooter (35 % mid-range; the old code called him interior).
      expect(files[pathOf('traded', '2024-25')].player_profile).toMatchObject({ team_abbr: 'LAL', shot_profile: 'mid_range' });
      expect(files[pathOf('traded', '2024-25')].averages.games).toBe(6);
    },
  },
]);
