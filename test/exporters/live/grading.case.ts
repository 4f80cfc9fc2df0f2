/**
 * Golden cases for live.grading (issue 5): every grading rule on one night at 22:45 ET (an OVER
 * already won and an UNDER already lost while the game is on, a push, void for a player listed
 * with 0 minutes and for one not listed, trending by projection, pending, PASS and NO_LINE, a
 * perfect call's error of 0), the date-based id mapped to the schedule's, the canonical fallback
 * lookup, the same night after midnight ET, and a malformed feed that writes nothing.
 */
import { expect } from 'vitest';
import { defineCases } from '../../helpers/exporter-case.ts';
import { AFTER_MIDNIGHT, AS_OF, BASE_TABLES, BOS_PLAYERS, DEN_PLAYERS, GAMES, MIA_PLAYERS, NIGHT, NYK_PLAYERS, feedAt0100, feedAt2245 } from './fixtures.ts';

type GameKey = keyof typeof GAMES;
interface Call { player: string; game: GameKey; rec: string; line: number | null; predicted: number; confidence: number; at2245: string; at0100: string }

/** Expected statuses: the rules under test, at 22:45 and at 01:00 ET. */
const CALLS: Call[] = [
  { player: 'alphaone', game: 'nyk', rec: 'OVER', line: 25.5, predicted: 28, confidence: 0.72, at2245: 'correct', at0100: 'correct' },
  { player: 'bravotwo', game: 'nyk', rec: 'UNDER', line: 20.5, predicted: 17, confidence: 0.66, at2245: 'correct', at0100: 'correct' },
  { player: 'echofive', game: 'nyk', rec: 'OVER', line: 20, predicted: 22, confidence: 0.6, at2245: 'push', at0100: 'push' },
  { player: 'deltafour', game: 'nyk', rec: 'OVER', line: 8.5, predicted: 9.5, confidence: 0.58, at2245: 'void', at0100: 'void' }, // listed, 0 minutes
  { player: 'foxtrotsix', game: 'nyk', rec: 'UNDER', line: 12.5, predicted: 10, confidence: 0.55, at2245: 'void', at0100: 'void' }, // not listed
  { player: 'josealvarez', game: 'nyk', rec: 'UNDER', line: 10.5, predicted: 8, confidence: 0.61, at2245: 'correct', at0100: 'correct' },
  { player: 'novemberzero', game: 'nyk', rec: 'NO_LINE', line: null, predicted: 9, confidence: 0.3, at2245: 'graded', at0100: 'graded' },
  { player: 'charliethree', game: 'den', rec: 'OVER', line: 20.5, predicted: 23, confidence: 0.74, at2245: 'correct', at0100: 'correct' }, // won mid-game
  { player: 'golfseven', game: 'den', rec: 'UNDER', line: 15.5, predicted: 13, confidence: 0.7, at2245: 'incorrect', at0100: 'incorrect' }, // lost mid-game
  { player: 'hotelate', game: 'den', rec: 'OVER', line: 12.5, predicted: 14, confidence: 0.64, at2245: 'trending_correct', at0100: 'incorrect' }, // 10 × 48/32 = 15
  { player: 'indiananine', game: 'den', rec: 'OVER', line: 14.5, predicted: 15, confidence: 0.57, at2245: 'trending_incorrect', at0100: 'incorrect' }, // 6
  { player: 'julietten', game: 'den', rec: 'UNDER', line: 9.5, predicted: 8, confidence: 0.56, at2245: 'trending_correct', at0100: 'correct' }, // 4.5
  { player: 'nicoolafsson', game: 'den', rec: 'PASS', line: 11.5, predicted: 11.7, confidence: 0.4, at2245: 'in_progress', at0100: 'graded' },
  { player: 'kiloeight', game: 'gsw', rec: 'OVER', line: 22.5, predicted: 24, confidence: 0.69, at2245: 'pending', at0100: 'correct' },
  { player: 'limanine', game: 'gsw', rec: 'NO_LINE', line: null, predicted: 10, confidence: 0.2, at2245: 'pending', at0100: 'graded' },
];

const TEAM: Record<string, string> = { foxtrotsix: 'NYK', kiloeight: 'GSW', limanine: 'LAL' };
const POINTS_2245 = new Map([...NYK_PLAYERS, ...BOS_PLAYERS, ...DEN_PLAYERS, ...MIA_PLAYERS].map((p) => [`${p.first} ${p.last}`, p]));

function ppp(c: Call, extra: Record<string, unknown> = {}) {
  const game = GAMES[c.game];
  return {
    prediction_id: `${c.player}-${JSON.stringify(extra)}`, system_id: 'ensemble_v1', player_lookup: c.player, game_date: NIGHT,
    game_id: c.player === 'bravotwo' ? `20250315_${game.away}_${game.home}` : game.game_id, // one backfilled date-based id
    prediction_version: 2, predicted_points: c.predicted, confidence_score: c.confidence, recommendation: c.rec, current_points_line: c.line,
    has_prop_line: c.line !== null, line_source: c.line === null ? null : 'ACTUAL_PROP', created_at: '2025-03-15T17:00:00Z', ...extra,
  };
}

const TABLES = {
  ...BASE_TABLES,
  'nba_predictions.player_prop_predictions': [
    ...CALLS.map((c) => ppp(c)),
    ppp({ ...CALLS[0]!, rec: 'UNDER', line: 30.5 }, { prediction_version: 1 }), // older version
    ppp({ ...CALLS[0]!, line: 31.5 }, { is_active: false, prediction_version: 3 }), // superseded
    ppp({ ...CALLS[0]!, predicted: 40 }, { system_id: 'xgboost_v1' }), // another system
  ],
  'nba_analytics.upcoming_player_game_context': Object.entries(TEAM).map(([player, team]) => {
    const game = Object.values(GAMES).find((g) => g.home === team || g.away === team)!;
    return { player_lookup: player, game_id: game.game_id, game_date: NIGHT, team_abbr: team, opponent_team_abbr: team === game.home ? game.away : game.home };
  }),
};

interface Row { player_lookup: string; status: string; result: string; actual: number | null; error: number | null; margin_vs_line: number | null; confidence: number; game_id: string; team: string | null; opponent: string | null }

function checkNight(doc: { summary: Record<string, unknown>; predictions: Row[] }, expected: (c: Call) => string): void {
  const rows = doc.predictions;
  expect(rows.map((r) => r.player_lookup).sort()).toEqual(CALLS.map((c) => c.player).sort()); // one row per player, newest active call
  for (const c of CALLS) expect(rows.find((r) => r.player_lookup === c.player)?.status, c.player).toBe(expected(c));
  const count = (status: string) => CALLS.filter((c) => expected(c) === status).length;
  const decided = count('correct') + count('incorrect');
  const errors = rows.filter((r) => r.error !== null).map((r) => Math.abs(r.error!));
  expect(doc.summary).toMatchObject({
    total_predictions: CALLS.length, correct: count('correct'), incorrect: count('incorrect'), pushes: count('push'), voids: count('void'),
    trending_correct: count('trending_correct'), trending_incorrect: count('trending_incorrect'), pending: count('pending'),
    win_rate: decided === 0 ? null : Math.round((count('correct') / decided) * 1000) / 1000,
    avg_error: Math.round((errors.reduce((a, b) => a + b, 0) / errors.length) * 10) / 10,
  });
  const rank = ['correct', 'incorrect', 'push', 'trending_correct', 'trending_incorrect', 'in_progress', 'graded', 'void', 'pending'];
  const sorted = [...rows].sort((a, b) => rank.indexOf(a.status) - rank.indexOf(b.status) || b.confidence - a.confidence);
  expect(rows.map((r) => r.player_lookup)).toEqual(sorted.map((r) => r.player_lookup));
  for (const r of rows) expect(Object.keys(r)).toEqual(Object.keys(rows[0]!)); // fixed key set
}

export default defineCases([
  {
    name: 'grading-rules',
    only: ['live.grading'],
    asOf: AS_OF,
    tables: TABLES,
    live: feedAt2245(),
    check: ({ files }) => {
      const doc = files[`v1/live-grading/${NIGHT}.json`];
      expect(files['v1/live-grading/latest.json']).toEqual(doc);
      checkNight(doc, (c) => c.at2245);
      const row = (player: string) => doc.predictions.find((r: Row) => r.player_lookup === player) as Row;
      expect(row('alphaone')).toMatchObject({ result: 'WIN', actual: 30, error: -2, margin_vs_line: 4.5, line: 25.5, predicted: 28 });
      expect(row('charliethree')).toMatchObject({ result: 'WIN', game_status: 'in_progress', time_remaining: '4:00' });
      expect(row('golfseven')).toMatchObject({ result: 'LOSS', game_status: 'in_progress' });
      expect(row('echofive')).toMatchObject({ result: 'PUSH', margin_vs_line: 0 });
      expect(row('deltafour')).toMatchObject({ result: 'VOID', actual: null, error: null, margin_vs_line: null });
      expect(row('foxtrotsix')).toMatchObject({ result: 'VOID', team: 'NYK', opponent: 'BOS' });
      expect(row('novemberzero')).toMatchObject({ result: 'NO_LINE', error: 0, margin_vs_line: null }); // a perfect call is 0, not null
      expect(row('nicoolafsson')).toMatchObject({ result: 'PASS', actual: POINTS_2245.get('Nico Ólafsson')!.pts, margin_vs_line: 0.5 });
      expect(row('kiloeight')).toMatchObject({ result: 'PENDING', actual: null, team: 'GSW', opponent: 'LAL', game_status: 'scheduled', feed_game_id: '502' });
      expect(row('bravotwo')).toMatchObject({ game_id: GAMES.nyk.game_id, team: 'BOS', opponent: 'NYK', home_team: 'NYK', away_team: 'BOS' }); // date-based id → schedule id
      expect(row('josealvarez').actual).toBe(POINTS_2245.get('José Álvarez')!.pts); // canonical fallback lookup
      expect(doc.summary).toMatchObject({ games_in_progress: 2, games_final: 1, games_scheduled: 1, with_live_data: doc.predictions.filter((r: Row) => r.actual !== null).length });
    },
  },
  {
    name: 'after-midnight-grades-the-same-night',
    only: ['live.grading'],
    asOf: AFTER_MIDNIGHT,
    tables: TABLES,
    live: feedAt0100(),
    check: ({ files }) => {
      expect(Object.keys(files).sort()).toEqual([`v1/live-grading/${NIGHT}.json`, 'v1/live-grading/latest.json']);
      const doc = files[`v1/live-grading/${NIGHT}.json`];
      checkNight(doc, (c) => c.at0100);
      expect(doc.summary).toMatchObject({ pending: 0, games_final: 4, games_in_progress: 0 });
    },
  },
  {
    name: 'malformed-feed-writes-nothing',
    only: ['live.grading', 'live.scores'],
    asOf: AS_OF,
    tables: TABLES,
    live: { fault: 'LiveFeedMalformed', message: 'the live feed answered with 812 bytes that are not complete JSON' },
    error: { code: 'LiveFeedMalformed', message: /live\.grading → v1\/live-grading\/2025-03-15\.json: not built/ },
  },
]);
