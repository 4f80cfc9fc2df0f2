/**
 * Golden cases for tonight.player: one file per player on tonight's rosters from one query.
 * Splits, factors and tiers are recomputed from the fixture's history lists (reference.ts):
 * back-to-back from rest days, defense tiers on the 5/6, 10/11 and 20/21 boundaries, the
 * limited_data boundary, rookies, traded players, games without points or lines.
 */
import { expect } from 'vitest';
import { defineCases } from '../../helpers/exporter-case.ts';
import { AS_OF, DATE, DEFENSE_RANK, PREDICTIONS, ROSTER, TABLES, ppgAllowed } from './fixtures.ts';
import { avg, gaps, history, overRate, r1, seasonGames, tierOf } from './reference.ts';

const pathOf = (player: string) => `v1/tonight/player/${player}.json`;

function veteranFactors() {
  const games = seasonGames('veteran');
  const gap = gaps('veteran');
  const b2b = games.filter((g) => gap.get(g.date) === 1);
  const other = games.filter((g) => gap.get(g.date) !== 1);
  const impact = r1(avg(b2b.map((g) => g.points))! - avg(other.map((g) => g.points))!);
  const home = games.filter((g) => g.home);
  const vsBos = games.filter((g) => g.opp === 'BOS');
  return { b2b, other, impact, home, vsBos };
}

export default defineCases([
  {
    name: 'slate',
    only: ['tonight.player'],
    asOf: AS_OF,
    tables: TABLES,
    check: ({ files, manifest }) => {
      expect(manifest.build.query_count).toBe(1); // one query for every player
      expect(Object.keys(files).sort()).toEqual(ROSTER.map((s) => pathOf(s.player)).sort()); // not the unscheduled ghost
      expect(manifest.endpoints).toEqual([expect.objectContaining({ exporter: 'tonight.player', complete: true })]);

      // Defense tiers on the boundaries: 5 elite / 6 good, 10 good / 11 average, 20 average / 21 weak.
      for (const slot of ROSTER) {
        const rank = DEFENSE_RANK[slot.opp]!;
        expect(files[pathOf(slot.player)].opponent_defense, slot.player).toEqual({
          team: slot.opp, rank, tier: tierOf(rank), ppg_allowed: ppgAllowed(rank), defensive_rating: ppgAllowed(rank) + 5, teams_ranked: 22,
        });
      }
      expect(ROSTER.map((s) => tierOf(DEFENSE_RANK[s.opp]!))).toEqual(expect.arrayContaining(['elite', 'good', 'average', 'weak']));

      const vet = files[pathOf('veteran')];
      const f = veteranFactors();
      expect(vet).toMatchObject({
        player_full_name: 'Vét Eran', game_date: DATE, games_played: 12, limited_data: false,
        game_context: {
          game_id: '0022400990', team_abbr: 'NYK', opponent: 'BOS', home_game: true, game_time: '7:30 PM ET', tipoff_at: '2025-03-15T23:30:00Z',
          line: 21.5, days_rest: 1, is_back_to_back: true, injury_status: 'probable', injury_reason: 'Injury/Illness - Back; Spasms',
        },
        quick_numbers: {
          season_ppg: avg(seasonGames('veteran').map((g) => g.points)), season_mpg: 30, games_played: 12,
          last_10_ppg: avg(history('veteran').slice(0, 10).map((g) => g.points)), last_5_ppg: avg(history('veteran').slice(0, 5).map((g) => g.points)),
        },
        fatigue: { score: 70, level: 'tired', context: { days_rest: 1, games_last_7: 4, minutes_last_7: 141.5, penalties_applied: ['back_to_back'], final_score: 70, player_age: null } },
        current_streak: { type: 'over', length: 1 },
        prediction: { predicted_points: 24.3, confidence_score: 0.74, recommendation: 'OVER', line: 21.5, edge: r1(24.3 - 21.5), pace_adjustment: null, similar_games: null },
      });
      expect(vet.fatigue.context).not.toHaveProperty('new_key');
      expect(vet.tonights_factors.map((x: { factor: string }) => x.factor)).toEqual(['back_to_back', 'location', 'vs_opponent', 'fatigue', 'opponent_defense']);
      expect(vet.tonights_factors[0]).toMatchObject({ direction: f.impact < 0 ? 'negative' : 'positive', impact: f.impact, vs_line_pct: overRate(f.b2b) });
      expect(vet.tonights_factors[0].description).toBe(`B2B: averages ${avg(f.b2b.map((g) => g.points))!.toFixed(1)} vs ${avg(f.other.map((g) => g.points))!.toFixed(1)} normally (${f.impact < 0 ? '−' : '+'}${Math.abs(f.impact).toFixed(1)}), ${Math.round(overRate(f.b2b)! * 100)}% OVER`);
      expect(vet.tonights_factors[1]).toMatchObject({ factor: 'location', games: f.home.length, ppg: avg(f.home.map((g) => g.points)), vs_line_pct: overRate(f.home) });
      expect(vet.tonights_factors[2]).toMatchObject({ factor: 'vs_opponent', games: f.vsBos.length, ppg: avg(f.vsBos.map((g) => g.points)), vs_line_pct: overRate(f.vsBos) });
      expect(vet.tonights_factors[4]).toMatchObject({ direction: 'negative', defense_rank: 5, defense_tier: 'elite', description: 'vs BOS (elite defense, #5, allows 105.0 PPG)' });
      // Recent form: newest 10, margin not truncated, a game without points kept.
      expect(vet.recent_form).toHaveLength(10);
      expect(vet.recent_form[0]).toMatchObject({ game_date: '2025-03-14', opponent: 'DET', home_game: false, points: 26, line: 22.5, over_under: 'OVER', margin: 3.5, fg: '7/15', three: null, ft: '3/4' });
      expect(vet.recent_form[2]).toMatchObject({ points: null, over_under: null, margin: null });
      expect(vet.recent_form.find((g: { game_date: string }) => g.game_date === '2025-03-07')).toMatchObject({ points: 21, line: 21, over_under: 'OVER', margin: 0 }); // a push counts OVER

      // Rookie: no history; only the defense factor (no fatigue score).
      expect(files[pathOf('rookie')]).toMatchObject({
        games_played: 0, limited_data: true, recent_form: [], current_streak: { type: null, length: 0 }, prediction: null,
        quick_numbers: { season_ppg: null, last_10_ppg: null, games_played: 0 }, fatigue: { score: null, level: 'normal', context: null },
        game_context: { injury_status: 'available', days_rest: null, is_back_to_back: null, line: null },
      });
      expect(files[pathOf('rookie')].tonights_factors.map((x: { factor: string }) => x.factor)).toEqual(['opponent_defense']);

      // limited_data boundary.
      expect(files[pathOf('ninegames')]).toMatchObject({ games_played: 9, limited_data: true });
      expect(files[pathOf('tengames')]).toMatchObject({ games_played: 10, limited_data: false, fatigue: { level: 'fresh', context: null } });
      // Well rested: 3 days rest tonight, quoting this season's games after 3+ days rest.
      const tenGaps = gaps('tengames');
      const rested = seasonGames('tengames').filter((g) => (tenGaps.get(g.date) ?? 0) >= 3);
      const wellRested = files[pathOf('tengames')].tonights_factors.find((x: { factor: string }) => x.factor === 'well_rested');
      expect(wellRested).toMatchObject({ direction: 'positive', games: rested.length, ppg: avg(rested.map((g) => g.points)), vs_line_pct: overRate(rested) });
      expect(files[pathOf('tengames')].tonights_factors.map((x: { factor: string }) => x.factor)).toEqual(['location', 'well_rested', 'fresh', 'opponent_defense']);

      // Traded: tonight's team from the context; season numbers span both teams.
      const traded = files[pathOf('traded')];
      expect(traded.game_context).toMatchObject({ team_abbr: 'LAL', opponent: 'GSW', home_game: false });
      expect(traded.quick_numbers).toMatchObject({ games_played: 4, season_ppg: avg(seasonGames('traded').map((g) => g.points)) });
      expect(traded.tonights_factors.find((x: { factor: string }) => x.factor === 'vs_opponent')).toMatchObject({ games: 1, ppg: 14 });
      expect(files[pathOf('noline')].prediction).toMatchObject({ recommendation: 'NO_LINE', line: null, edge: null });
      expect(files[pathOf('noline')].current_streak).toEqual({ type: null, length: 0 });
      expect(files[pathOf('heatguy')].game_context).toMatchObject({ injury_status: 'out', game_time: '7:00 PM ET' });
      expect(PREDICTIONS.traded.line).toBe(files[pathOf('traded')].game_context.line);
    },
  },
  {
    name: 'unsafe-player-lookup-fails',
    only: ['tonight.player'],
    asOf: AS_OF,
    tables: {
      ...TABLES,
      'nba_analytics.upcoming_player_game_context': [
        ...TABLES['nba_analytics.upcoming_player_game_context'],
        { player_lookup: '../x', game_id: '0022400990', game_date: DATE, team_abbr: 'NYK', opponent_team_abbr: 'BOS', home_game: true },
        { player_lookup: '', game_id: '0022400990', game_date: DATE, team_abbr: 'NYK', opponent_team_abbr: 'BOS', home_game: true },
      ],
    },
    error: { code: 'UnsafePathSegment', message: /tonight\.player[\s\S]*`player_lookup` value "" is not a safe path segment[\s\S]*`player_lookup` value "\.\.\/x" is not a safe path segment/ },
  },
]);
