/**
 * Golden cases for players.index: exactly the players with at least `--min-games` (5) graded
 * games in the 365-day window; numbers recomputed from the fixture calls (reference.ts).
 */
import { expect } from 'vitest';
import { defineCases } from '../../helpers/exporter-case.ts';
import { AS_OF, TABLES, TODAY } from './fixtures.ts';
import { avg, callsInWindow, isBet, isLoss, isWin, round } from './reference.ts';

const QUALIFIED = ['star', 'fivegames', 'traded', 'injured'];

function expected(player: string, team: string) {
  const calls = callsInWindow(player);
  const wins = calls.filter(isWin).length;
  const losses = calls.filter(isLoss).length;
  return {
    player_lookup: player, team, games_predicted: calls.length, recommendations: calls.filter(isBet).length, correct: wins,
    win_rate: wins + losses === 0 ? null : round(wins / (wins + losses), 3),
    mae: avg(calls.map((c) => Math.abs(c.predicted - c.actual)), 2), bias: avg(calls.map((c) => c.predicted - c.actual), 2),
    within_5_pct: round(calls.filter((c) => Math.abs(c.predicted - c.actual) <= 5).length / calls.length, 3),
  };
}

export default defineCases([
  {
    name: 'qualifying-players',
    only: ['players.index'],
    asOf: AS_OF,
    tables: TABLES,
    check: ({ files, manifest }) => {
      const doc = files['v1/players/index.json'];
      expect(manifest.build.query_count).toBe(1);
      expect(doc).toMatchObject({ as_of_date: TODAY, window_days: 365, min_graded_games: 5, total_players: QUALIFIED.length });
      // Most graded games first, then player_lookup; four graded games (fourgames) or only old ones (oldtimer) do not qualify.
      const order = QUALIFIED.map((p) => [p, callsInWindow(p).length] as const).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([p]) => p);
      expect(doc.players.map((p: { player_lookup: string }) => p.player_lookup)).toEqual(order);
      expect(doc.players.find((p: { player_lookup: string }) => p.player_lookup === 'star')).toEqual({ ...expected('star', 'NYK'), player_full_name: 'Stär Player', position: 'G-F' });
      expect(doc.players.find((p: { player_lookup: string }) => p.player_lookup === 'traded')).toMatchObject(expected('traded', 'LAL')); // the newest game's team
      expect(doc.players.find((p: { player_lookup: string }) => p.player_lookup === 'fivegames')).toMatchObject({ games_predicted: 5, player_full_name: 'fivegames', position: null });
      expect(callsInWindow('star').length).toBeLessThan(TABLES['nba_predictions.prediction_accuracy'].filter((r) => r.player_lookup === 'star').length); // older and superseded rows excluded
    },
  },
]);
