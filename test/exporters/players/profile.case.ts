/**
 * Golden cases for players.profile: one file per qualifying player from one query; summary,
 * track record, game log and splits recomputed from the fixture lists (reference.ts). Rest
 * buckets use the gap within a season (an opener is in none), team results the schedule's winner.
 */
import { expect } from 'vitest';
import { defineCases } from '../../helpers/exporter-case.ts';
import { AS_OF, TABLES, WINDOW_FROM } from './fixtures.ts';
import { avg, callsInWindow, gamesOf, gapOf, isBet, isLoss, isWin, overRate, round } from './reference.ts';

const pathOf = (player: string) => `v1/players/${player}.json`;

function splitOf(games: ReturnType<typeof gamesOf>) {
  return { avg: avg(games.map((g) => g.points)), games: games.length, vs_line_pct: overRate(games) };
}

export default defineCases([
  {
    name: 'weekly-profiles',
    only: ['players.profile'],
    asOf: AS_OF,
    tables: TABLES,
    check: ({ files, manifest }) => {
      expect(manifest.build.query_count).toBe(1);
      expect(Object.keys(files).sort()).toEqual(['fivegames', 'injured', 'star', 'traded'].map(pathOf));
      expect(manifest.endpoints[0]).toMatchObject({ exporter: 'players.profile', complete: true });

      const star = files[pathOf('star')];
      const calls = callsInWindow('star');
      const wins = calls.filter(isWin).length;
      const losses = calls.filter(isLoss).length;
      const bets = calls.filter(isBet);
      const bias = avg(calls.map((c) => c.predicted - c.actual), 2)!;
      expect(star.summary).toEqual({
        team: 'NYK', position: 'G-F', games_predicted: calls.length, total_recommendations: bets.length, correct: wins,
        mae: avg(calls.map((c) => Math.abs(c.predicted - c.actual)), 2), win_rate: round(wins / (wins + losses), 3), bias, avg_confidence: 0.65,
        within_3_pct: round(calls.filter((c) => Math.abs(c.predicted - c.actual) <= 3).length / calls.length, 3),
        within_5_pct: round(calls.filter((c) => Math.abs(c.predicted - c.actual) <= 5).length / calls.length, 3),
        date_range: { first: calls.map((c) => c.date).sort()[0], last: calls.map((c) => c.date).sort().at(-1) },
      });
      expect(star.interpretation.sample_size).toBe('Moderate sample size'); // 10 graded games
      expect(star.interpretation.accuracy).toMatch(new RegExp(`^\\w[\\w ]* accuracy: ${Math.round((wins / (wins + losses)) * 100)}% of calls correct$`));
      expect(star.our_track_record.overall).toEqual({ wins, losses, pushes: bets.length - wins - losses, pct: round(wins / (wins + losses), 3) });
      expect(star.our_track_record.overall.pushes).toBe(1);
      const overs = bets.filter((c) => c.rec === 'OVER');
      expect(star.our_track_record.over_calls).toMatchObject({ total: overs.length, wins: overs.filter(isWin).length, losses: overs.filter(isLoss).length });
      expect(star.our_track_record.total_predictions).toBe(calls.length); // PASS and NO_LINE included

      // Game log: newest 50 games in the window; team results from the schedule's winner.
      const games = gamesOf('star', WINDOW_FROM);
      expect(games.length).toBeGreaterThan(50);
      expect(star.game_log).toHaveLength(50);
      expect(star.game_log.slice(0, 3).map((g: { team_result: string | null }) => g.team_result)).toEqual(['W', 'L', null]);
      expect(star.game_log[0]).toMatchObject({ game_date: '2025-03-14', opponent: 'BOS', home_game: true, points: 24, line: 21.5, over_under: 'OVER', margin: 2.5, fg: '8/17', ft: '2/2', rebounds: 5 });
      expect(star.game_log.find((g: { rebounds: number | null }) => g.rebounds === null)).toBeDefined(); // a game without rebound splits

      // Splits over every game in the window; the gap is taken within the season, so the first game of April 2024 has rest 10 days.
      const byGap = (test: (d: number) => boolean) => games.filter((g) => { const d = gapOf(g); return d !== null && test(d); });
      expect(star.splits.rest).toEqual({
        b2b: splitOf(byGap((d) => d === 1)), one_day: splitOf(byGap((d) => d === 2)), two_day: splitOf(byGap((d) => d === 3)), three_plus: splitOf(byGap((d) => d >= 4)),
      });
      expect(star.splits.location).toEqual({ home: splitOf(games.filter((g) => g.home)), away: splitOf(games.filter((g) => !g.home)) });
      const bos = games.filter((g) => g.opp === 'BOS');
      expect(star.splits.opponents.find((o: { team: string }) => o.team === 'BOS')).toEqual({ team: 'BOS', ...splitOf(bos) });
      expect(star.splits.opponents.every((o: { games: number }) => o.games >= 2)).toBe(true);

      // Next game from the context (duplicates and games beyond 14 days ignored), with its prediction.
      expect(star.next_game).toEqual({ game_date: '2025-03-17', game_id: '0022401010', opponent: 'CHI', home_game: true, tipoff_at: '2025-03-17T23:30:00Z', has_prediction: true });
      expect(files[pathOf('traded')]).toMatchObject({ summary: { team: 'LAL', games_predicted: 5 }, next_game: null, player_full_name: 'Tray Ded' });
      expect(files[pathOf('injured')].game_log).toHaveLength(gamesOf('injured', WINDOW_FROM).length);
    },
  },
  {
    name: 'unsafe-player-lookup-fails',
    only: ['players.profile'],
    asOf: AS_OF,
    tables: {
      ...TABLES,
      'nba_predictions.prediction_accuracy': [
        ...TABLES['nba_predictions.prediction_accuracy'],
        ...[1, 2, 3, 4, 5].map((d) => ({ ...TABLES['nba_predictions.prediction_accuracy'][0]!, player_lookup: '../x', game_id: `g${d}`, game_date: `2025-03-0${d}` })),
      ],
    },
    error: { code: 'UnsafePathSegment', message: /players\.profile[\s\S]*`player_lookup` value "\.\.\/x" is not a safe path segment/ },
  },
]);
