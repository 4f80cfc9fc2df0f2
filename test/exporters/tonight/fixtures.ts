/**
 * A small slate for the tonight family, Saturday 2025-03-15 (EDT, so ET = UTC − 4), built at
 * 1 PM ET. Three games with players plus one scheduled game without context rows, a context row
 * whose game is not scheduled, and:
 * - `veteran` (NYK, home vs BOS): 12 season games with home/away, back-to-backs, rested games, a
 *   game without a line, a game without points, a push counted OVER; back-to-back tonight
 *   (days_rest 1); tired; three prediction rows (older active, newest active, newer inactive);
 *   best-line odds; injury reports (an old `out` for an earlier game, then questionable and
 *   probable for tonight's game); two context rows.
 * - `rookie` (NYK): no history, no prediction. `ninegames` (BOS): 9 games this season plus 3 last
 *   season (limited_data boundary). `tengames` (BOS): 10 games, 3 days rest, fresh.
 * - `traded` (LAL, was GSW), `noline` (GSW, NO_LINE prediction), `heatguy` (MIA), `magicguy` (ORL).
 * - Opponent defenses ranked so tonight's opponents sit on the tier boundaries: BOS 5, NYK 6,
 *   LAL 10, GSW 11, ORL 20, MIA 21 (22 teams; stale, future and last-season snapshots ignored).
 */
import { addDays } from '../../../pipeline/time.ts';

export const DATE = '2025-03-15';
export const AS_OF = '2025-03-15T17:00:00Z';

export const GAMES = {
  nyk: { game_id: '0022400990', home: 'NYK', away: 'BOS', tip: '2025-03-15T23:30:00Z' },
  gsw: { game_id: '0022400991', home: 'GSW', away: 'LAL', tip: '2025-03-16T02:00:00Z' },
  mia: { game_id: '0022400992', home: 'MIA', away: 'ORL', tip: '2025-03-15T23:00:00Z' },
  chi: { game_id: '0022400993', home: 'CHI', away: 'DET', tip: '2025-03-15T17:00:00Z' },
} as const;

export interface HistoryGame { date: string; team: string; opp: string; home: boolean; points: number | null; line: number | null; minutes?: number }

const compact = (date: string) => date.replaceAll('-', '');
export const overUnder = (points: number | null, line: number | null) => (points === null || line === null ? null : points >= line ? 'OVER' : 'UNDER');
const seasonOf = (date: string) => (Number(date.slice(5, 7)) >= 10 ? Number(date.slice(0, 4)) : Number(date.slice(0, 4)) - 1);

export function pgsRow(player: string, g: HistoryGame) {
  const [away, home] = g.home ? [g.opp, g.team] : [g.team, g.opp];
  return {
    player_lookup: player, game_id: `${compact(g.date)}_${away}_${home}`, game_date: g.date, team_abbr: g.team, opponent_team_abbr: g.opp,
    season_year: seasonOf(g.date), points: g.points, minutes_played: g.minutes ?? 30, fg_makes: 7, fg_attempts: 15, three_pt_makes: 2, three_pt_attempts: 0,
    ft_makes: 3, ft_attempts: 4, points_line: g.line, over_under_result: overUnder(g.points, g.line),
  };
}

const g = (date: string, team: string, opp: string, home: boolean, points: number | null, line: number | null): HistoryGame => ({ date, team, opp, home, points, line });

export const HISTORY: Record<string, HistoryGame[]> = {
  veteran: [
    g('2025-02-20', 'NYK', 'MIA', true, 20, 19.5), g('2025-02-22', 'NYK', 'ORL', false, 15, 19.5), g('2025-02-23', 'NYK', 'BOS', true, 25, 20.5),
    g('2025-02-27', 'NYK', 'CHI', false, 18, 20.5), g('2025-03-01', 'NYK', 'DET', true, 22, null), g('2025-03-02', 'NYK', 'BOS', false, 12, 21.5),
    g('2025-03-05', 'NYK', 'GSW', true, 30, 21.5), g('2025-03-07', 'NYK', 'LAL', false, 21, 21), g('2025-03-08', 'NYK', 'ORL', true, 24, 21.5),
    g('2025-03-10', 'NYK', 'MIA', false, null, 21.5), g('2025-03-12', 'NYK', 'CHI', true, 19, 21.5), g('2025-03-14', 'NYK', 'DET', false, 26, 22.5),
  ],
  ninegames: [
    g('2024-04-10', 'BOS', 'MIA', true, 30, 20.5), g('2024-04-12', 'BOS', 'NYK', false, 31, 20.5), g('2024-04-14', 'BOS', 'CHI', true, 32, 20.5),
    ...Array.from({ length: 9 }, (_, i) => g(`2025-03-0${i + 1}`, 'BOS', i % 2 === 0 ? 'ATL' : 'NYK', i % 2 === 0, 10 + i, 12.5)),
  ],
  tengames: Array.from({ length: 10 }, (_, i) => g(addDays('2025-02-01', i * 4), 'BOS', 'ATL', i % 2 === 1, 14 + (i % 3), i % 4 === 0 ? null : 14.5)),
  traded: [
    g('2025-01-10', 'GSW', 'LAL', true, 8, 9.5), g('2025-01-12', 'GSW', 'PHX', true, 11, 9.5),
    g('2025-02-15', 'LAL', 'GSW', false, 14, 10.5), g('2025-02-17', 'LAL', 'SAC', true, 16, 10.5),
  ],
  noline: [g('2025-03-10', 'GSW', 'SAC', true, 4, null), g('2025-03-12', 'GSW', 'PHX', false, 2, null)],
  heatguy: [g('2025-03-13', 'MIA', 'ATL', true, 18, 17.5)],
  magicguy: [g('2025-03-12', 'ORL', 'ATL', false, 11, 12.5)],
};

interface Slot { player: string; team: string; opp: string; game: keyof typeof GAMES; days_rest: number | null }
export const ROSTER: Slot[] = [
  { player: 'veteran', team: 'NYK', opp: 'BOS', game: 'nyk', days_rest: 1 },
  { player: 'rookie', team: 'NYK', opp: 'BOS', game: 'nyk', days_rest: null },
  { player: 'ninegames', team: 'BOS', opp: 'NYK', game: 'nyk', days_rest: 6 },
  { player: 'tengames', team: 'BOS', opp: 'NYK', game: 'nyk', days_rest: 3 },
  { player: 'traded', team: 'LAL', opp: 'GSW', game: 'gsw', days_rest: 2 },
  { player: 'noline', team: 'GSW', opp: 'LAL', game: 'gsw', days_rest: 3 },
  { player: 'heatguy', team: 'MIA', opp: 'ORL', game: 'mia', days_rest: 2 },
  { player: 'magicguy', team: 'ORL', opp: 'MIA', game: 'mia', days_rest: 3 },
];

/** Opponent rank by points allowed (1 = fewest): tonight's opponents on the tier boundaries. */
export const DEFENSE_RANK: Record<string, number> = { BOS: 5, NYK: 6, LAL: 10, GSW: 11, ORL: 20, MIA: 21 };
const OTHER_TEAMS = ['ATL', 'BKN', 'CHA', 'CLE', 'DAL', 'DEN', 'DET', 'HOU', 'IND', 'LAC', 'MEM', 'MIL', 'MIN', 'NOP', 'OKC', 'PHI'];
export const ALL_RANKS: Record<string, number> = { ...DEFENSE_RANK };
for (let rank = 1, i = 0; rank <= 22; rank++) if (!Object.values(DEFENSE_RANK).includes(rank)) ALL_RANKS[OTHER_TEAMS[i++]!] = rank;
export const ppgAllowed = (rank: number) => 100 + rank;

function scheduleRow(key: keyof typeof GAMES, processedAt = '2025-03-15T10:00:00Z', tip?: string) {
  const game = GAMES[key];
  return { game_id: game.game_id, game_date: DATE, home_team_tricode: game.home, away_team_tricode: game.away, game_date_est: tip ?? game.tip, game_status: 1, processed_at: processedAt };
}

const contextRow = (s: Slot, gameId: string = GAMES[s.game].game_id) => ({
  player_lookup: s.player, game_id: gameId, game_date: DATE, team_abbr: s.team, opponent_team_abbr: s.opp, home_game: GAMES[s.game].home === s.team, days_rest: s.days_rest, back_to_back: false,
});

function prediction(player: string, line: number | null, predicted: number, confidence: number, recommendation: string, createdAt: string, isActive = true) {
  const slot = ROSTER.find((s) => s.player === player)!;
  return {
    prediction_id: `${player}-${createdAt}`, system_id: 'ensemble_v1', player_lookup: player, game_date: DATE, game_id: GAMES[slot.game].game_id,
    predicted_points: predicted, confidence_score: confidence, recommendation, current_points_line: line, line_margin: line === null ? null : predicted - line,
    is_active: isActive, created_at: createdAt,
  };
}

const odds = (player: string, line: number, side: 'over' | 'under', price: number, best: boolean) => ({
  game_date: DATE, player_lookup: player, bet_side: side, points_line: line, odds_american: price, is_best_line: best, offer_id: `${player}-${line}-${side}-${price}`,
});

const injury = (player: string, reportDate: string, hour: number, gameId: string, status: string, reason: string) => ({ report_date: reportDate, report_hour: hour, player_lookup: player, game_id: gameId, injury_status: status, reason });

const defense = (team: string, date: string, ppg: number) => ({ team_abbr: team, analysis_date: date, opponent_points_per_game: ppg, defensive_rating_last_15: ppg + 5 });

export const PREDICTIONS = {
  veteran: { line: 21.5, predicted: 24.3, confidence: 0.74, recommendation: 'OVER' },
  tengames: { line: 14.5, predicted: 13.1, confidence: 0.62, recommendation: 'UNDER' },
  ninegames: { line: 12.5, predicted: 12.9, confidence: 0.51, recommendation: 'PASS' },
  noline: { line: null, predicted: 3.0, confidence: 0.3, recommendation: 'NO_LINE' },
  traded: { line: 10.5, predicted: 13.2, confidence: 0.74, recommendation: 'OVER' },
} as const;

export const TABLES = {
  'nba_raw.nbac_schedule': [
    scheduleRow('nyk'), scheduleRow('nyk', '2025-03-14T10:00:00Z', '2025-03-15T23:00:00Z'), // an older snapshot with another tip time
    scheduleRow('gsw'), scheduleRow('mia'), scheduleRow('chi'),
  ],
  'nba_analytics.upcoming_player_game_context': [
    ...ROSTER.map((s) => contextRow(s)), contextRow(ROSTER[0]!), // veteran listed twice
    { ...contextRow({ player: 'ghost', team: 'SAC', opp: 'PHX', game: 'nyk', days_rest: 2 }, '0022400999') }, // his game is not scheduled
  ],
  'nba_analytics.player_game_summary': Object.entries(HISTORY).flatMap(([player, games]) => games.map((game) => pgsRow(player, game))),
  'nba_predictions.player_prop_predictions': [
    prediction('veteran', 20.5, 23.0, 0.7, 'OVER', '2025-03-15T14:00:00Z'),
    prediction('veteran', PREDICTIONS.veteran.line, PREDICTIONS.veteran.predicted, PREDICTIONS.veteran.confidence, 'OVER', '2025-03-15T15:00:00Z'),
    prediction('veteran', 25.5, 21.0, 0.9, 'UNDER', '2025-03-15T16:00:00Z', false),
    ...(['tengames', 'ninegames', 'noline', 'traded'] as const).map((p) => prediction(p, PREDICTIONS[p].line, PREDICTIONS[p].predicted, PREDICTIONS[p].confidence, PREDICTIONS[p].recommendation, '2025-03-15T15:00:00Z')),
  ],
  'nba_precompute.player_composite_factors': [
    { player_lookup: 'veteran', game_date: DATE, game_id: GAMES.nyk.game_id, fatigue_score: 70, fatigue_context_json: '{"days_rest":1,"back_to_back":false,"games_last_7":4,"minutes_last_7":141.5,"penalties_applied":["back_to_back"],"bonuses_applied":[],"final_score":70,"new_key":1}' },
    { player_lookup: 'tengames', game_date: DATE, game_id: GAMES.nyk.game_id, fatigue_score: 96, fatigue_context_json: 'not json' },
  ],
  'nba_raw.nbac_injury_report': [
    injury('rookie', '2025-03-10', 17, '20250310_NYK_MIA', 'out', 'Injury/Illness - Left Ankle; Sprain'), // an old report: not tonight's game
    injury('veteran', '2025-03-14', 17, '20250315_BOS_NYK', 'questionable', 'Injury/Illness - Back; Spasms'),
    injury('veteran', '2025-03-15', 9, '20250315_BOS_NYK', 'questionable', 'Injury/Illness - Back; Spasms'),
    injury('veteran', '2025-03-15', 13, '20250315_BOS_NYK', 'probable', 'Injury/Illness - Back; Spasms'),
    injury('heatguy', '2025-03-15', 13, '20250315_ORL_MIA', 'out', 'Rest'),
  ],
  'nba_raw.bettingpros_player_points_props': [
    odds('veteran', 21.5, 'over', -110, true), odds('veteran', 21.5, 'under', -105, true), odds('veteran', 21.5, 'over', -125, false),
    odds('veteran', 20.5, 'over', -140, true), odds('traded', 10.5, 'over', 102, true),
  ],
  'nba_precompute.team_defense_zone_analysis': [
    ...Object.entries(ALL_RANKS).map(([team, rank]) => defense(team, '2025-03-14', ppgAllowed(rank))),
    defense('BOS', '2025-03-01', 130), // stale: BOS's newest snapshot is the 14th
    defense('NYK', '2025-03-16', 90), // after the game date
    defense('SAC', '2024-04-10', 80), // last season: not ranked
  ],
  'nba_reference.nba_players_registry': [
    { player_lookup: 'veteran', player_name: 'Vét Eran', season: '2024-25', team_abbr: 'NYK', position: 'G' },
    { player_lookup: 'traded', player_name: 'Tray Ded', season: '2024-25', team_abbr: 'GSW', position: 'F' },
    { player_lookup: 'traded', player_name: 'Tray Ded', season: '2024-25', team_abbr: 'LAL', position: 'F' },
  ],
};
