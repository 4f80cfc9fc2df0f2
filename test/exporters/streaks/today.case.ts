/**
 * Golden cases for streaks.today. Streak lengths are counted here from the case rows by a small
 * reference (newest first, pushes and games without a line skipped) and stated by hand for the
 * key players: a 5-game run stepping over a push and a game without a line, a traded player, a
 * 25-game run (no cap), ties, last season's runs, and prediction runs over duplicated rows.
 */
import { expect } from 'vitest';
import { addDays } from '../../../pipeline/time.ts';
import { defineCases } from '../../helpers/exporter-case.ts';
import { boxRow, games } from '../trends/fixtures.ts';

const DATE = '2025-03-15';
type Box = ReturnType<typeof boxRow>;
const at = (player: string, team: string, list: [string, number, number | null][]) => list.map(([date, points, line]) => boxRow(player, { date, team, opp: 'NYK', points, line }));

// Newest first: O O push O (no line) O O U — five OVERs. Today's UNDER is not read.
const FIVE = at('streakfive', 'BOS', [
  ['2025-03-15', 5, 20.5], ['2025-03-14', 25, 20.5], ['2025-03-13', 22, 20.5], ['2025-03-12', 20, 20], ['2025-03-11', 21, 20.5],
  ['2025-03-10', 30, null], ['2025-03-09', 24, 20.5], ['2025-03-08', 23, 20.5], ['2025-03-07', 10, 20.5],
]);
const TRADED = [...games('traded', { asOf: DATE, team: 'LAL', line: 9.5, points: [12, 11, 10] }), ...games('traded', { asOf: DATE, team: 'CHA', line: 9.5, points: [14, 13, 12, 5], daysAgo: 4 })];
const THREE = games('three', { asOf: DATE, team: 'MIA', line: 9.5, points: [12, 11, 10, 5] });
const UNDERS = [...games('undera', { asOf: DATE, team: 'DEN', line: 20.5, points: [19, 18, 17, 16, 25] }), ...games('underb', { asOf: DATE, team: 'DEN', line: 20.5, points: [10, 10, 10, 10, 25] })];
const TIES = ['tieb', 'tiea'].flatMap((p) => games(p, { asOf: DATE, team: 'UTA', line: 9.5, points: [12, 12, 12, 12, 5] }));
const LONG = games('longrun', { asOf: DATE, team: 'GSW', line: 15.5, points: Array<number>(25).fill(20) });
const LAST_SEASON = games('lastseason', { asOf: '2024-04-10', team: 'PHX', line: 9.5, points: Array<number>(8).fill(15) });
const BOX: Box[] = [...FIVE, ...TRADED, ...THREE, ...UNDERS, ...TIES, ...LONG, ...LAST_SEASON];

interface Call { player: string; date: string; rec: string; line: number | null; actual: number; system?: string }
const pa = (c: Call) => ({
  player_lookup: c.player, game_id: `${c.date.replaceAll('-', '')}_NYK_BOS`, game_date: c.date, system_id: c.system ?? 'ensemble_v1',
  recommendation: c.rec, line_value: c.line, actual_points: c.actual, predicted_points: c.line === null ? 10 : c.rec === 'OVER' ? c.line + 2 : c.line - 2,
});
// Newest first: win, push, PASS, win, win, win, loss → four wins. The 03-13 call is stored twice (grading copied a duplicate).
const CALLER: Call[] = [
  { player: 'caller', date: '2025-03-14', rec: 'OVER', line: 20.5, actual: 25 }, { player: 'caller', date: '2025-03-13', rec: 'UNDER', line: 20, actual: 20 },
  { player: 'caller', date: '2025-03-12', rec: 'PASS', line: 20.5, actual: 10 }, { player: 'caller', date: '2025-03-11', rec: 'UNDER', line: 20.5, actual: 15 },
  { player: 'caller', date: '2025-03-10', rec: 'OVER', line: 20.5, actual: 22 }, { player: 'caller', date: '2025-03-09', rec: 'OVER', line: 20.5, actual: 30 },
  { player: 'caller', date: '2025-03-08', rec: 'OVER', line: 20.5, actual: 10 },
  { player: 'caller', date: '2025-03-14', rec: 'UNDER', line: 20.5, actual: 25, system: 'xgboost_v1' }, // another system: ignored
];
// Five wins last season, two this season: the run stops at the season start.
const OLD_CALLER: Call[] = [
  ...[1, 2].map((d) => ({ player: 'oldcaller', date: addDays(DATE, -d), rec: 'OVER', line: 10.5, actual: 15 })),
  ...[1, 2, 3, 4, 5].map((d) => ({ player: 'oldcaller', date: addDays('2024-04-10', -d), rec: 'OVER', line: 10.5, actual: 15 })),
];
const PA = [...CALLER, ...OLD_CALLER].map(pa);

/** Reference: the current run of OVER or UNDER games entering `date` this season, skipping pushes and lineless games. */
function run(player: string, date = DATE) {
  const rows = BOX.filter((b) => b.player_lookup === player && b.game_date < date && b.game_date >= '2024-10-01' && b.points_line !== null && b.points !== b.points_line)
    .sort((a, b) => b.game_date.localeCompare(a.game_date));
  const over = rows[0] ? rows[0].points! > rows[0].points_line! : null;
  let n = 0;
  while (n < rows.length && (rows[n]!.points! > rows[n]!.points_line!) === over) n++;
  return { side: over ? 'over' : 'under', n, margin: Math.round((rows.slice(0, n).reduce((s, b) => s + b.points! - b.points_line!, 0) / n) * 10) / 10 };
}
const lookups = (list: { player_lookup: string }[]) => list.map((s) => s.player_lookup);

export default defineCases([
  {
    name: 'streaks-entering-tonight',
    only: ['streaks.today'],
    asOf: '2025-03-15T16:00:00Z',
    tables: {
      'nba_analytics.player_game_summary': BOX,
      'nba_predictions.prediction_accuracy': [...PA, pa(CALLER[1]!)],
      'nba_reference.nba_players_registry': [{ player_lookup: 'traded', player_name: 'Tra Ded', team_abbr: 'CHA', season: '2024-25' }],
    },
    check: ({ files }) => {
      const doc = files[`v1/streaks/${DATE}.json`];
      expect(files['v1/streaks/today.json']).toEqual(doc);
      // By hand: 25, 22, (push), 21, (no line), 24, 23 over 20.5 → five OVERs from 03-08; margins 4.5 1.5 0.5 3.5 2.5 → 2.5.
      const five = doc.streaks.over.find((s: { player_lookup: string }) => s.player_lookup === 'streakfive');
      expect(five).toMatchObject({ team: 'BOS', streak_length: 5, started_on: '2025-03-08', avg_margin: 2.5, pushes_skipped: 1, no_line_games_skipped: 1 });
      expect(five.games.map((g: { game_date: string }) => g.game_date)).toEqual(['2025-03-14', '2025-03-13', '2025-03-11', '2025-03-09', '2025-03-08']);
      expect(run('streakfive')).toMatchObject({ side: 'over', n: 5 });
      // One entry for the traded player, six games across two teams, under his newest team.
      expect(doc.streaks.over.filter((s: { player_lookup: string }) => s.player_lookup === 'traded')).toEqual([expect.objectContaining({ team: 'LAL', player_full_name: 'Tra Ded', streak_length: run('traded').n })]);
      expect(run('traded').n).toBe(6);
      // No cap: 25 straight OVERs; length ties (tiea/tieb) break on player_lookup after avg_margin; three (3 games) and last season's run are out.
      expect(lookups(doc.streaks.over)).toEqual(['longrun', 'traded', 'streakfive', 'tiea', 'tieb']);
      expect(doc.streaks.over[0].streak_length).toBe(25);
      // UNDER runs: both four long; the most negative margin first.
      expect(lookups(doc.streaks.under)).toEqual(['underb', 'undera']);
      expect(doc.streaks.under.map((s: { avg_margin: number }) => s.avg_margin)).toEqual([run('underb').margin, run('undera').margin]);
      // Prediction runs: win, (push), (PASS), win, win, win → 4; the duplicated push row is read once; oldcaller's 2 this season are too few.
      expect(doc.streaks.prediction_hits).toEqual([{ player_lookup: 'caller', player_full_name: 'caller', team: null, streak_length: 4, streak_type: 'prediction_hits', started_on: '2025-03-09', last_call_on: '2025-03-14' }]);
      expect(doc.summary).toEqual({ total_over_streaks: 5, total_under_streaks: 2, total_prediction_streaks: 1, longest_over: 25, longest_under: 4, longest_prediction: 4 });
    },
  },
  {
    name: 'streaks-backfill',
    only: ['streaks.today'],
    asOf: '2025-03-15T16:00:00Z',
    dates: ['2025-03-10', DATE],
    tables: { 'nba_analytics.player_game_summary': FIVE },
    check: ({ files, manifest }) => {
      // Entering 03-10 streakfive has only 03-09 and 03-08 (two OVERs): nothing qualifies; today.json follows today only.
      expect(files['v1/streaks/2025-03-10.json'].streaks.over).toEqual([]);
      expect(run('streakfive', '2025-03-10').n).toBe(2);
      expect(files['v1/streaks/today.json'].as_of_date).toBe(DATE);
      expect(manifest.build.query_count).toBe(1);
    },
  },
]);
