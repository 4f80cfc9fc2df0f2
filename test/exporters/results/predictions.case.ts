/**
 * Golden cases for results.predictions: a pre-game slate with native ids, duplicate and
 * superseded prediction rows, duplicated context rows and a similarity-system row.
 */
import { expect } from 'vitest';
import { defineCases } from '../../helpers/exporter-case.ts';

const SLATE = '2025-03-15';
const AS_OF = '2025-03-15T18:00:00Z'; // 2 PM ET on the slate date

function ppp(player: string, game: string, rec: string, line: number | null, predicted: number, confidence: number, createdAt: string, extra: Record<string, unknown> = {}) {
  return {
    prediction_id: `${player}-${createdAt}-${extra.system_id ?? 'e'}`, system_id: 'ensemble_v1', player_lookup: player, game_date: SLATE, game_id: game,
    predicted_points: predicted, confidence_score: confidence, recommendation: rec, current_points_line: line, created_at: createdAt, ...extra,
  };
}

const PREDICTIONS = [
  ppp('alphaone', '0022400960', 'OVER', 20.5, 24.0, 0.72, '2025-03-15T17:00:00Z'),
  ppp('alphaone', '0022400960', 'OVER', 21.5, 24.5, 0.75, '2025-03-15T15:00:00Z'), // older row at another line
  ppp('bravotwo', '0022400960', 'UNDER', 15.5, 13.0, 0.61, '2025-03-15T17:00:00Z'),
  ppp('bravotwo', '0022400960', 'OVER', 12.5, 16.0, 0.9, '2025-03-15T17:30:00Z', { is_active: false }), // superseded
  ppp('charliethree', '0022400960', 'NO_LINE', null, 8.0, 0.3, '2025-03-15T17:00:00Z'),
  ppp('deltafour', '0022400961', 'PASS', 11.5, 11.7, 0.45, '2025-03-15T17:00:00Z'),
  ppp('echofive', '0022400961', 'OVER', 30.5, 31.0, 0.55, '2025-03-15T17:00:00Z'),
  ppp('alphaone', '0022400960', 'OVER', 20.5, 22.0, 0.5, '2025-03-15T17:00:00Z', { system_id: 'similarity_balanced_v1', pace_adjustment: 1.25, similar_games_count: 14 }),
];

const context = (player: string, game: string, team: string, opp: string, home: boolean) => ({ player_lookup: player, game_id: game, game_date: SLATE, team_abbr: team, opponent_team_abbr: opp, home_game: home });

const TABLES = {
  'nba_raw.nbac_schedule': [
    { game_id: '0022400960', game_date: SLATE, home_team_tricode: 'DEN', away_team_tricode: 'PHX', game_date_est: '2025-03-16T01:00:00Z', game_status: 1 },
    { game_id: '0022400961', game_date: SLATE, home_team_tricode: 'MIA', away_team_tricode: 'CHA', game_date_est: '2025-03-15T23:30:00Z', game_status: 1 },
  ],
  'nba_predictions.player_prop_predictions': PREDICTIONS,
  'nba_analytics.upcoming_player_game_context': [
    context('alphaone', '0022400960', 'DEN', 'PHX', true), context('alphaone', '0022400960', 'DEN', 'PHX', true), // duplicated context rows
    context('bravotwo', '0022400960', 'PHX', 'DEN', false), context('charliethree', '0022400960', 'DEN', 'PHX', true),
    context('deltafour', '0022400961', 'CHA', 'MIA', false), context('echofive', '0022400961', 'MIA', 'CHA', true),
  ],
  'nba_reference.nba_players_registry': [{ player_lookup: 'echofive', player_name: 'Échö Five', season: '2024-25', team_abbr: 'MIA' }],
};

export default defineCases([
  {
    name: 'pre-game-slate',
    only: ['results.predictions'],
    asOf: AS_OF,
    tables: TABLES,
    check: ({ files }) => {
      const doc = files[`v1/predictions/${SLATE}.json`];
      const players = doc.games.flatMap((g: { predictions: { player_lookup: string }[] }) => g.predictions.map((p) => p.player_lookup));
      expect(players.sort()).toEqual(['alphaone', 'bravotwo', 'charliethree', 'deltafour', 'echofive']); // each player once
      expect(doc.total_predictions).toBe(5);
      expect(doc.total_games).toBe(2);
      expect(doc.games.map((g: { game_id: string }) => g.game_id)).toEqual(['0022400961', '0022400960']); // by tip-off
      const den = doc.games[1];
      expect(den).toMatchObject({ home_team: 'DEN', away_team: 'PHX', prediction_count: 3 });
      const b = den.recommendation_breakdown;
      expect(b.over + b.under + b.pass + b.no_line).toBe(den.prediction_count);
      const alpha = den.predictions.find((p: { player_lookup: string }) => p.player_lookup === 'alphaone');
      expect(alpha).toMatchObject({ team: 'DEN', is_home: true, prediction: { line: 20.5, points: 24, edge: 3.5 }, context: { pace_adjustment: 1.25, similar_games: 14 } });
      const bravo = den.predictions.find((p: { player_lookup: string }) => p.player_lookup === 'bravotwo');
      expect(bravo).toMatchObject({ team: 'PHX', is_home: false, prediction: { recommendation: 'UNDER', edge: -2.5 } }); // superseded row ignored
      expect(den.predictions.find((p: { player_lookup: string }) => p.player_lookup === 'charliethree').prediction).toMatchObject({ line: null, edge: null });
      expect(den.predictions.map((p: { prediction: { confidence: number } }) => p.prediction.confidence)).toEqual([0.72, 0.61, 0.3]);
      expect(files['v1/predictions/today.json']).toEqual(doc);
    },
  },
  {
    name: 'past-date-keeps-today-alias',
    only: ['results.predictions'],
    asOf: '2025-03-16T14:00:00Z',
    dates: [SLATE],
    tables: TABLES,
    check: ({ files }) => {
      expect(files[`v1/predictions/${SLATE}.json`].total_predictions).toBe(5);
      expect(files['v1/predictions/today.json']).toBeUndefined(); // a past slate never becomes "today"
    },
  },
]);
