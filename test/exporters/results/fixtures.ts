/**
 * A small graded night for the results family: two games on 2025-03-14, one with a native id and
 * one with a backfilled date-based id, covering a win, a loss, a push, a pass, a no-line call, a
 * perfect prediction, a player with two prediction rows (line moved 22.5 → 23.5) and a
 * back-to-back player with earlier games this season.
 */
export const DATE = '2025-03-14';
export const AS_OF = '2025-03-15T16:00:00Z'; // noon ET on the 15th: yesterday = the 14th

export interface Call { player: string; team: string; opp: string; game_id: string; rec: string; line: number | null; predicted: number; actual: number; confidence: number; minutes: number }

export const CALLS: Call[] = [
  { player: 'alphaone', team: 'NYK', opp: 'BOS', game_id: '0022400950', rec: 'OVER', line: 20.5, predicted: 24.0, actual: 25, confidence: 0.72, minutes: 34 },
  { player: 'bravotwo', team: 'BOS', opp: 'NYK', game_id: '0022400950', rec: 'UNDER', line: 15.5, predicted: 13.5, actual: 18, confidence: 0.6, minutes: 30 },
  { player: 'charliethree', team: 'NYK', opp: 'BOS', game_id: '0022400950', rec: 'OVER', line: 10.0, predicted: 12.0, actual: 10, confidence: 0.5, minutes: 22 },
  { player: 'deltafour', team: 'BOS', opp: 'NYK', game_id: '0022400950', rec: 'PASS', line: 12.5, predicted: 12.6, actual: 11, confidence: 0.41, minutes: 25 },
  { player: 'echofive', team: 'NYK', opp: 'BOS', game_id: '0022400950', rec: 'NO_LINE', line: null, predicted: 7.0, actual: 7, confidence: 0.3, minutes: 0 },
  { player: 'golfseven', team: 'GSW', opp: 'LAL', game_id: '20250314_LAL_GSW', rec: 'UNDER', line: 30.5, predicted: 27.0, actual: 28, confidence: 0.81, minutes: 36 },
  // The newest of two prediction rows; the superseded one (line 22.5) is in SUPERSEDED below.
  { player: 'foxtrotsix', team: 'LAL', opp: 'GSW', game_id: '20250314_LAL_GSW', rec: 'OVER', line: 23.5, predicted: 25.0, actual: 23, confidence: 0.66, minutes: 33 },
];
export const SUPERSEDED: Call = { ...CALLS[6]!, line: 22.5, predicted: 24.5, confidence: 0.7 };

/** Earlier games this season: alphaone averages 28 before the 14th and played on the 13th. */
export const EARLIER_GAMES = [
  { player: 'alphaone', team: 'NYK', opp: 'MIA', date: '2025-03-10', points: 30 },
  { player: 'alphaone', team: 'NYK', opp: 'ORL', date: '2025-03-13', points: 26 },
  { player: 'golfseven', team: 'GSW', opp: 'SAC', date: '2025-03-11', points: 16 },
];

export function paRow(c: Call, system = 'ensemble_v1') {
  const err = c.predicted - c.actual;
  const decided = (c.rec === 'OVER' || c.rec === 'UNDER') && c.line !== null && c.actual !== c.line;
  return {
    player_lookup: c.player, game_id: c.game_id, game_date: DATE, system_id: system, team_abbr: c.team, opponent_team_abbr: c.opp,
    predicted_points: c.predicted, confidence_score: c.confidence, recommendation: c.rec, line_value: c.line, actual_points: c.actual,
    minutes_played: c.minutes, absolute_error: Math.abs(err), signed_error: err,
    prediction_correct: decided ? (c.rec === 'OVER') === c.actual > c.line! : null,
    within_3_points: Math.abs(err) <= 3, within_5_points: Math.abs(err) <= 5,
  };
}

export function pppRow(c: Call, createdAt: string, system = 'ensemble_v1') {
  return {
    prediction_id: `${c.player}-${system}-${createdAt}`, system_id: system, player_lookup: c.player, game_date: DATE, game_id: c.game_id,
    predicted_points: c.predicted, confidence_score: c.confidence, recommendation: c.rec, current_points_line: c.line, created_at: createdAt,
  };
}

function pgsRow(player: string, team: string, opp: string, date: string, points: number, gameId: string) {
  return { player_lookup: player, game_id: gameId, game_date: date, team_abbr: team, opponent_team_abbr: opp, season_year: 2024, points };
}

export const TABLES = {
  'nba_raw.nbac_schedule': [
    { game_id: '0022400950', game_date: DATE, home_team_tricode: 'NYK', away_team_tricode: 'BOS', game_date_est: '2025-03-14T23:30:00Z', game_status: 3 },
    { game_id: '0022400951', game_date: DATE, home_team_tricode: 'GSW', away_team_tricode: 'LAL', game_date_est: '2025-03-15T02:00:00Z', game_status: 3 },
  ],
  'nba_predictions.prediction_accuracy': [...CALLS.map((c) => paRow(c)), paRow(SUPERSEDED), paRow({ ...CALLS[0]!, predicted: 19 }, 'xgboost_v1')],
  'nba_predictions.player_prop_predictions': [
    ...CALLS.map((c) => pppRow(c, '2025-03-14T17:00:00Z')),
    pppRow(SUPERSEDED, '2025-03-14T15:00:00Z'),
  ],
  'nba_analytics.player_game_summary': [
    ...CALLS.map((c) => pgsRow(c.player, c.team, c.opp, DATE, c.actual, c.team === 'NYK' || c.team === 'BOS' ? '20250314_BOS_NYK' : '20250314_LAL_GSW')),
    ...EARLIER_GAMES.map((g) => pgsRow(g.player, g.team, g.opp, g.date, g.points, `${g.date.replaceAll('-', '')}_${g.opp}_${g.team}`)),
  ],
  'nba_reference.nba_players_registry': [
    { player_lookup: 'alphaone', player_name: 'Alpha One', season: '2023-24', team_abbr: 'MIA' },
    { player_lookup: 'alphaone', player_name: 'Alpha Öne', season: '2024-25', team_abbr: 'NYK' },
    { player_lookup: 'golfseven', player_name: 'Golf Seven Jr.', season: '2024-25', team_abbr: 'GSW' },
  ],
};
