/**
 * Golden cases for players.game-report: one file per box-score game of the daily date (or of
 * every date of a backfill) from one query. Moving averages, recent games and head-to-head are
 * recomputed from the fixture lists; the defense rank is over each team's newest snapshot only;
 * zone tiers compare with the league average of those snapshots; a DNP gets no report.
 */
import { expect } from 'vitest';
import { defineCases } from '../../helpers/exporter-case.ts';
import { CALLS, LATEST_SNAPSHOTS, REPORT_AS_OF, REPORT_DATE, TABLES, overUnder, seasonOf } from './fixtures.ts';
import { avg, gamesOf, overRate, round } from './reference.ts';

const pathOf = (player: string, date: string) => `v1/players/${player}/game-report/${date}.json`;

export default defineCases([
  {
    name: 'daily-reports',
    only: ['players.game-report'],
    asOf: REPORT_AS_OF,
    tables: TABLES,
    check: ({ files, manifest }) => {
      expect(manifest.build.query_count).toBe(1);
      expect(Object.keys(files).sort()).toEqual([pathOf('star', REPORT_DATE), pathOf('traded', REPORT_DATE)]); // benchguy (DNP) gets none
      const doc = files[pathOf('star', REPORT_DATE)];
      const before = gamesOf('star', '0000', '2025-03-13');
      const season = before.filter((g) => seasonOf(g.date) === 2024);
      const l5 = avg(season.slice(0, 5).map((g) => g.points));
      expect(doc).toMatchObject({
        player_full_name: 'Stär Player', game_id: '20250314_BOS_NYK',
        player_profile: { position: 'G-F', team_abbr: 'NYK', shot_profile: 'perimeter', season_ppg: avg(season.map((g) => g.points)) },
        moving_averages: { l5, l10: avg(season.slice(0, 10).map((g) => g.points)), l20: avg(season.slice(0, 20).map((g) => g.points)), season: avg(season.map((g) => g.points)) },
      });
      // Rank among each team's newest snapshot on or before the date (older and later snapshots ignored).
      const ratings = LATEST_SNAPSHOTS.map((s) => s.defensive_rating_last_15).sort((a, b) => a - b);
      const bos = LATEST_SNAPSHOTS.find((s) => s.team_abbr === 'BOS')!;
      const league = (pick: (s: typeof bos) => number) => LATEST_SNAPSHOTS.reduce((n, s) => n + pick(s), 0) / LATEST_SNAPSHOTS.length;
      expect(bos.paint_pct_allowed_last_15 - league((s) => s.paint_pct_allowed_last_15)).toBeLessThanOrEqual(-0.02);
      expect(bos.three_pt_pct_allowed_last_15 - league((s) => s.three_pt_pct_allowed_last_15)).toBeGreaterThanOrEqual(0.02);
      expect(doc.opponent_context).toEqual({
        opponent: 'BOS', opp_pace: 103, opp_def_rating: 108, opp_def_rank: ratings.indexOf(108) + 1, teams_ranked: LATEST_SNAPSHOTS.length,
        opp_paint_defense: 'strong', opp_perimeter_defense: 'weak',
      });
      // The newest active prediction's graded row, not the superseded one.
      const call = CALLS[0]!;
      expect(doc.prop_line).toEqual({ line: call.line, recommendation: call.rec, predicted: call.predicted, confidence: 0.65 });
      expect(doc.result).toEqual({ actual: call.actual, margin: round(call.actual - call.line!, 1), correct: call.actual > call.line! });
      const recent = before.slice(0, 5);
      expect(doc.recent_games).toEqual(recent.map((g) => ({ date: g.date, opponent: g.opp, points: g.points, line: g.line, result: overUnder(g.points, g.line), minutes: 30 })));
      // Head-to-head: this season and last, before the game (the game two seasons ago is out).
      const h2h = before.filter((g) => g.opp === 'BOS' && seasonOf(g.date) >= 2023);
      expect(doc.head_to_head).toEqual({ games: h2h.length, avg_points: avg(h2h.map((g) => g.points)), avg_line: avg(h2h.map((g) => g.line)), over_rate: overRate(h2h) });
      const overs = recent.filter((g) => overUnder(g.points, g.line) === 'OVER').length;
      const trend = Math.round(((l5! - avg(season.map((g) => g.points))!) / avg(season.map((g) => g.points))!) * 100);
      expect(doc.prediction_angles.supporting).toEqual([
        ...(overs >= 3 ? [`Hot form (${overs} of last 5 OVER)`] : []), 'Weak perimeter defense', ...(trend >= 15 ? [`Trending up (+${trend}% L5)`] : []), 'Fast-paced opponent',
      ].slice(0, 3));

      // No snapshot for the opponent: every key present, nulls.
      expect(files[pathOf('traded', REPORT_DATE)]).toMatchObject({
        player_profile: { team_abbr: 'LAL', shot_profile: 'mid_range' },
        opponent_context: { opponent: 'ATL', opp_pace: null, opp_def_rating: null, opp_def_rank: null, teams_ranked: 5, opp_paint_defense: null, opp_perimeter_defense: null },
        head_to_head: { games: gamesOf('traded', '0000', '2025-03-13').length, avg_points: avg(gamesOf('traded', '0000', '2025-03-13').map((g) => g.points)) }, // all vs ATL, for both teams
      });
    },
  },
  {
    name: 'backfill-range',
    only: ['players.game-report'],
    asOf: REPORT_AS_OF,
    dates: ['2025-03-13', '2025-03-14'],
    tables: TABLES,
    check: ({ files, manifest }) => {
      expect(manifest.build.query_count).toBe(1);
      expect(Object.keys(files).sort()).toEqual([pathOf('star', '2025-03-13'), pathOf('star', '2025-03-14'), pathOf('traded', '2025-03-14')]);
      expect(manifest.endpoints[0]).toMatchObject({ complete: false }); // dated history: never pruned
      // The push on the 13th is neither correct nor incorrect.
      expect(files[pathOf('star', '2025-03-13')].result).toMatchObject({ margin: 0, correct: null });
    },
  },
]);
