/**
 * A small league for the players family. The weekly build runs Sunday 2025-03-16 (window: the
 * 365 days from 2024-03-17); game reports are built for 2025-03-14.
 * - `star` (NYK, perimeter shooter): 30 games this season ending 2025-03-14 (rest gaps cycling
 *   1, 2, 3, 4, 2 days; home games 4 points higher; every 5th game without a line, one of them
 *   inside his current OVER run; one game without rebound splits), 26 games last April, games vs BOS last season and two seasons ago;
 *   10 graded games in the window (win, loss, push, PASS, NO_LINE) plus one older; a second,
 *   superseded graded row on 2025-03-14; a next game with a prediction.
 * - `fivegames` (exactly `--min-games`) qualifies, `fourgames` does not; `oldtimer` has graded
 *   games, all older than the window. `traded` (GSW, then LAL; mid-range shooter), `injured`
 *   (graded last April, no game this season), `benchguy` (a DNP in the gamebook, no box score).
 */
import { addDays } from '../../../pipeline/time.ts';

export const AS_OF = '2025-03-16T11:00:00Z'; // 7 AM ET Sunday
export const TODAY = '2025-03-16';
export const WINDOW_FROM = '2024-03-17';
export const REPORT_DATE = '2025-03-14';
export const REPORT_AS_OF = '2025-03-15T16:00:00Z'; // yesterday = the 14th

export interface Game { player: string; date: string; team: string; opp: string; home: boolean; points: number | null; line: number | null; rebounds?: number | null; minutes?: number | null }
export interface Call { player: string; date: string; rec: 'OVER' | 'UNDER' | 'PASS' | 'NO_LINE'; line: number | null; predicted: number; actual: number }

export const overUnder = (points: number | null, line: number | null) => (points === null || line === null ? null : points >= line ? 'OVER' : 'UNDER');
export const seasonOf = (date: string) => (Number(date.slice(5, 7)) >= 10 ? Number(date.slice(0, 4)) : Number(date.slice(0, 4)) - 1);
const compact = (date: string) => date.replaceAll('-', '');
export const boxGameId = (g: Game) => (g.home ? `${compact(g.date)}_${g.opp}_${g.team}` : `${compact(g.date)}_${g.team}_${g.opp}`);

const GAPS = [1, 2, 3, 4, 2];
const OPPONENTS = ['BOS', 'MIA', 'CHI', 'ORL', 'DET', 'ATL'];

function starSeason(): Game[] {
  const games: Game[] = [];
  let date = REPORT_DATE;
  for (let i = 0; i < 30; i++) {
    const home = i % 2 === 0;
    const points = 20 + (home ? 4 : 0) + (i % 3) + (i === 1 ? 3 : 0); // newest results: OVER, OVER, no line, UNDER
    games.push({ player: 'star', date, team: 'NYK', opp: i === 0 ? 'BOS' : OPPONENTS[i % OPPONENTS.length]!, home, points, line: i % 5 === 2 ? null : 21.5, rebounds: i === 7 ? null : 5 + (i % 4) });
    date = addDays(date, -GAPS[i % GAPS.length]!);
  }
  return games;
}

function aprilGames(player: string, team: string, n: number, base: number): Game[] {
  return Array.from({ length: n }, (_, i) => ({ player, date: addDays('2024-03-20', i), team, opp: OPPONENTS[i % OPPONENTS.length]!, home: i % 2 === 1, points: base + (i % 5), line: base + 1.5 }));
}

const simple = (player: string, team: string, dates: string[], points = 10): Game[] => dates.map((date, i) => ({ player, date, team, opp: 'ATL', home: i % 2 === 0, points: points + i, line: points + 0.5 }));

export const GAMES: Game[] = [
  ...starSeason(),
  ...aprilGames('star', 'NYK', 26, 18),
  { player: 'star', date: '2024-03-10', team: 'NYK', opp: 'BOS', home: false, points: 31, line: 24.5 }, // last season, before the window
  { player: 'star', date: '2023-12-01', team: 'NYK', opp: 'PHI', home: true, points: 17, line: 20.5 },
  { player: 'star', date: '2023-03-01', team: 'NYK', opp: 'BOS', home: true, points: 40, line: 20.5 }, // two seasons ago
  ...simple('fivegames', 'MIA', ['2025-03-01', '2025-03-03', '2025-03-05', '2025-03-07', '2025-03-09']),
  ...simple('fourgames', 'MIA', ['2025-03-01', '2025-03-03', '2025-03-05', '2025-03-07']),
  ...simple('oldtimer', 'PHX', ['2023-11-01', '2023-11-03', '2023-11-05', '2023-11-07', '2023-11-09', '2023-11-11']),
  ...simple('traded', 'GSW', ['2025-01-10', '2025-01-12', '2025-01-14'], 12),
  ...simple('traded', 'LAL', ['2025-02-20', '2025-02-22', '2025-03-14'], 15),
  ...aprilGames('injured', 'DEN', 6, 9),
];

const callsFor = (player: string, recs: Call['rec'][], dates?: string[]): Call[] => {
  const games = GAMES.filter((g) => g.player === player && (!dates || dates.includes(g.date))).sort((a, b) => b.date.localeCompare(a.date));
  return recs.map((rec, i) => {
    const game = games[i]!;
    const line = rec === 'NO_LINE' ? null : game.line ?? 20.5;
    return { player, date: game.date, rec, line, predicted: (game.points ?? 0) + (i % 2 === 0 ? 2 : -3), actual: game.points ?? 0 };
  });
};

/** Star's calls: his 8 newest games this season, then 2 in last April (window), then one older. */
export const CALLS: Call[] = [
  ...callsFor('star', ['OVER', 'UNDER', 'OVER', 'PASS', 'NO_LINE', 'UNDER', 'OVER', 'OVER']),
  ...callsFor('star', ['UNDER', 'OVER'], ['2024-04-10', '2024-04-12']),
  ...callsFor('star', ['OVER'], ['2023-12-01']),
  ...callsFor('fivegames', ['OVER', 'OVER', 'UNDER', 'UNDER', 'PASS']),
  ...callsFor('fourgames', ['OVER', 'OVER', 'UNDER', 'UNDER']),
  ...callsFor('oldtimer', ['OVER', 'OVER', 'UNDER', 'UNDER', 'PASS', 'OVER']),
  ...callsFor('traded', ['OVER', 'UNDER', 'OVER', 'UNDER', 'OVER']),
  ...callsFor('injured', ['OVER', 'UNDER', 'OVER', 'UNDER', 'OVER', 'UNDER']),
];
// A push: star's first UNDER call (2025-03-13) is graded at his exact points.
const push = CALLS.find((c) => c.player === 'star' && c.rec === 'UNDER')!;
push.line = push.actual;

/** The superseded call on the report date: same game, another line, matching an inactive prediction row. */
export const SUPERSEDED: Call = { ...CALLS[0]!, line: 21.5, predicted: 19.0, rec: 'UNDER' };

function pgsRow(g: Game) {
  const rebounds = g.rebounds === undefined ? 6 : g.rebounds;
  return {
    player_lookup: g.player, game_id: boxGameId(g), game_date: g.date, team_abbr: g.team, opponent_team_abbr: g.opp, season_year: seasonOf(g.date),
    points: g.points, minutes_played: g.minutes === undefined ? 30 : g.minutes, assists: 4, steals: 1, blocks: 0, turnovers: 2,
    offensive_rebounds: rebounds === null ? null : 1, defensive_rebounds: rebounds === null ? null : rebounds - 1,
    fg_makes: 8, fg_attempts: 17, three_pt_makes: 3, three_pt_attempts: 8, ft_makes: 2, ft_attempts: 2,
    points_line: g.line, over_under_result: overUnder(g.points, g.line), win_flag: false,
  };
}

function paRow(c: Call) {
  const game = GAMES.find((g) => g.player === c.player && g.date === c.date)!;
  const err = c.predicted - c.actual;
  const decided = (c.rec === 'OVER' || c.rec === 'UNDER') && c.line !== null && c.actual !== c.line;
  return {
    player_lookup: c.player, game_id: boxGameId(game), game_date: c.date, system_id: 'ensemble_v1', team_abbr: game.team, opponent_team_abbr: game.opp,
    predicted_points: c.predicted, confidence_score: 0.65, recommendation: c.rec, line_value: c.line, actual_points: c.actual,
    absolute_error: Math.abs(err), signed_error: err, prediction_correct: decided ? (c.rec === 'OVER') === c.actual > c.line! : null,
    within_3_points: Math.abs(err) <= 3, within_5_points: Math.abs(err) <= 5,
  };
}

const pppRow = (c: Call, createdAt: string, isActive: boolean) => {
  const game = GAMES.find((g) => g.player === c.player && g.date === c.date)!;
  return {
    prediction_id: `${c.player}-${c.date}-${createdAt}`, system_id: 'ensemble_v1', player_lookup: c.player, game_date: c.date, game_id: boxGameId(game),
    predicted_points: c.predicted, confidence_score: 0.65, recommendation: c.rec, current_points_line: c.line, is_active: isActive, created_at: createdAt,
  };
};

const schedule = (gameId: string, date: string, home: string, away: string, winner: string | null, tip: string) => ({
  game_id: gameId, game_date: date, home_team_tricode: home, away_team_tricode: away, winning_team_tricode: winner, game_date_est: tip, game_status: winner ? 3 : 1, processed_at: '2025-03-16T10:00:00Z',
});

const snapshot = (team: string, date: string, rating: number, paint: number, three: number, pace = 99) => ({
  team_abbr: team, analysis_date: date, defensive_rating_last_15: rating, paint_pct_allowed_last_15: paint, three_pt_pct_allowed_last_15: three, opponent_pace: pace, opponent_points_per_game: rating,
});

/** The opponent's (BOS) newest snapshot on the report date and the others', for the reference. */
export const LATEST_SNAPSHOTS = [
  snapshot('BOS', '2025-03-13', 108, 0.55, 0.385, 103), snapshot('NYK', '2025-03-14', 110, 0.59, 0.35), snapshot('MIA', '2025-03-12', 104, 0.6, 0.35),
  snapshot('LAL', '2025-03-14', 115, 0.58, 0.35), snapshot('GSW', '2025-03-10', 112, 0.6, 0.35),
];

export const TABLES = {
  'nba_analytics.player_game_summary': GAMES.map(pgsRow),
  'nba_predictions.prediction_accuracy': [...CALLS.map(paRow), paRow(SUPERSEDED)],
  'nba_predictions.player_prop_predictions': [
    pppRow(CALLS[0]!, '2025-03-14T17:00:00Z', true), pppRow(SUPERSEDED, '2025-03-14T18:00:00Z', false),
    { // the next game's prediction
      prediction_id: 'star-next', system_id: 'ensemble_v1', player_lookup: 'star', game_date: '2025-03-17', game_id: '0022401010',
      predicted_points: 24, confidence_score: 0.6, recommendation: 'OVER', current_points_line: 22.5, is_active: true, created_at: '2025-03-16T10:00:00Z',
    },
  ],
  'nba_raw.nbac_schedule': [
    schedule('0022400990', '2025-03-14', 'NYK', 'BOS', 'NYK', '2025-03-14T23:30:00Z'),
    schedule('0022400980', '2025-03-13', 'MIA', 'NYK', 'MIA', '2025-03-13T23:30:00Z'),
    schedule('0022401010', '2025-03-17', 'NYK', 'CHI', null, '2025-03-17T23:30:00Z'),
    schedule('0022401200', '2025-04-10', 'NYK', 'DET', null, '2025-04-10T23:30:00Z'),
  ],
  'nba_analytics.upcoming_player_game_context': [
    { player_lookup: 'star', game_id: '0022401200', game_date: '2025-04-10', team_abbr: 'NYK', opponent_team_abbr: 'DET', home_game: true }, // beyond 14 days
    { player_lookup: 'star', game_id: '0022401010', game_date: '2025-03-17', team_abbr: 'NYK', opponent_team_abbr: 'CHI', home_game: true },
    { player_lookup: 'star', game_id: '0022401010', game_date: '2025-03-17', team_abbr: 'NYK', opponent_team_abbr: 'CHI', home_game: true }, // duplicate row
  ],
  'nba_reference.nba_players_registry': [
    { player_lookup: 'star', player_name: 'Stär Player', season: '2023-24', team_abbr: 'NYK', position: 'G' },
    { player_lookup: 'star', player_name: 'Stär Player', season: '2024-25', team_abbr: 'NYK', position: 'G-F' },
    { player_lookup: 'traded', player_name: 'Tray Ded', season: '2024-25', team_abbr: 'GSW', position: 'F' },
    { player_lookup: 'traded', player_name: 'Tray Ded', season: '2024-25', team_abbr: 'LAL', position: 'F' },
  ],
  'nba_precompute.player_shot_zone_analysis': [
    { player_lookup: 'star', analysis_date: '2025-03-13', paint_rate_last_10: 28.5, mid_range_rate_last_10: 19.5, three_pt_rate_last_10: 52.0 },
    { player_lookup: 'star', analysis_date: '2025-03-17', paint_rate_last_10: 70, mid_range_rate_last_10: 10, three_pt_rate_last_10: 20 }, // after today
    { player_lookup: 'star', analysis_date: '2024-04-14', paint_rate_last_10: 55, mid_range_rate_last_10: 20, three_pt_rate_last_10: 25 }, // last season's
    { player_lookup: 'traded', analysis_date: '2025-03-14', paint_rate_last_10: 40, mid_range_rate_last_10: 35, three_pt_rate_last_10: 25 },
  ],
  'nba_precompute.team_defense_zone_analysis': [
    ...LATEST_SNAPSHOTS,
    ...['BOS', 'NYK', 'MIA', 'LAL', 'GSW'].map((team, i) => snapshot(team, '2025-03-01', 90 + i, 0.5, 0.3)), // older: not ranked
    snapshot('BOS', '2025-03-15', 100, 0.5, 0.3), // after the game date
  ],
  'nba_raw.nbac_gamebook_player_stats': [
    { player_lookup: 'benchguy', game_id: '20250314_BOS_NYK', game_date: '2025-03-14', minutes_decimal: null },
  ],
};
