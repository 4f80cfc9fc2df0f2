/**
 * Golden cases for results.daily. Expected numbers are worked out here from the fixture calls
 * (spec endpoints-results-live.md §2 with its fixes: a push is neither win nor loss, rates are
 * null when undefined, the newest prediction row wins, teams come from the schedule).
 */
import { expect } from 'vitest';
import { defineCases } from '../../helpers/exporter-case.ts';
import { AS_OF, CALLS, DATE, TABLES } from './fixtures.ts';

const path = `v1/results/${DATE}.json`;
const decided = CALLS.filter((c) => (c.rec === 'OVER' || c.rec === 'UNDER') && c.line !== null && c.actual !== c.line);
const wins = decided.filter((c) => (c.rec === 'OVER' ? c.actual > c.line! : c.actual < c.line!)).length;
const losses = decided.length - wins;
const absErrors = CALLS.map((c) => Math.abs(c.predicted - c.actual));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export default defineCases([
  {
    name: 'graded-night',
    only: ['results.daily'],
    asOf: AS_OF,
    tables: TABLES,
    check: ({ files, manifest }) => {
      const doc = files[path];
      expect(manifest.build.query_count).toBe(1);
      expect(doc.results).toHaveLength(CALLS.length); // the superseded row and other systems are not published
      expect(doc.summary.correct).toBe(wins);
      expect(doc.summary.incorrect).toBe(losses);
      expect(doc.summary.pushes).toBe(1);
      expect(doc.summary.win_rate).toBe(Math.round((wins / (wins + losses)) * 1000) / 1000);
      expect(doc.summary.avg_mae).toBe(Math.round(mean(absErrors) * 100) / 100);
      expect(doc.summary.within_3_points).toBe(absErrors.filter((e) => e <= 3).length);
      expect(doc.summary.pass_count).toBe(1);
      expect(doc.summary.no_line_count).toBe(1);
      const fox = doc.results.filter((r: { player_lookup: string }) => r.player_lookup === 'foxtrotsix');
      expect(fox).toHaveLength(1);
      expect(fox[0]).toMatchObject({ line: 23.5, result: 'LOSS', team: 'LAL', opponent: 'GSW', is_home: false, home_team: 'GSW' });
      const push = doc.results.find((r: { player_lookup: string }) => r.player_lookup === 'charliethree');
      expect(push).toMatchObject({ result: 'PUSH', is_home: true, opponent: 'BOS' });
      const echo = doc.results.find((r: { player_lookup: string }) => r.player_lookup === 'echofive');
      expect(echo).toMatchObject({ result: 'NO_LINE', error: 0, bias: 0, minutes: 0 }); // a zero stays zero
      const alpha = doc.results.find((r: { player_lookup: string }) => r.player_lookup === 'alphaone');
      expect(alpha).toMatchObject({ player_full_name: 'Alpha Öne', season_ppg: 28, player_tier: 'elite', days_rest: 1, is_back_to_back: true, confidence_tier: 'high' });
      // Pushes and no-line rows stay out of win rates; the push is counted in its bucket.
      expect(doc.breakdowns.by_recommendation.over).toMatchObject({ total: 3, wins: 1, losses: 1, pushes: 1, win_rate: 0.5 });
      expect(doc.breakdowns.by_context.unknown.total).toBe(0);
      expect(doc.highlights.best_prediction).toMatchObject({ player: 'echofive', error: 0 });
      expect(doc.highlights.worst_prediction.error).toBe(Math.max(...absErrors));
      expect(files['v1/results/latest.json']).toEqual(doc);
    },
  },
  {
    name: 'no-games',
    only: ['results.daily'],
    asOf: AS_OF,
    dates: ['2025-03-12'],
    tables: TABLES,
    check: ({ files }) => {
      const doc = files['v1/results/2025-03-12.json'];
      expect(doc.results).toEqual([]);
      expect(doc.summary).toMatchObject({ total_predictions: 0, correct: 0, win_rate: null, avg_mae: null, within_3_pct: null });
      expect(doc.highlights).toEqual({ best_prediction: null, worst_prediction: null });
      expect(doc.breakdowns.by_confidence.high).toEqual({ total: 0, wins: 0, losses: 0, pushes: 0, win_rate: null, avg_error: null });
      // An empty or off-date document never replaces the latest alias.
      expect(files['v1/results/latest.json']).toBeUndefined();
    },
  },
  {
    name: 'null-actual-fails',
    only: ['results.daily'],
    asOf: AS_OF,
    tables: { ...TABLES, 'nba_predictions.prediction_accuracy': TABLES['nba_predictions.prediction_accuracy'].map((r, i) => (i === 1 ? { ...r, actual_points: null } : r)) },
    error: { code: 'BadWarehouseRow', message: /results\.daily → v1\/results\/2025-03-14\.json[\s\S]*player_lookup="bravotwo"[\s\S]*field `actual_points` must be integer, got null/ },
  },
  {
    name: 'duplicate-box-score-fails',
    only: ['results.daily'],
    asOf: AS_OF,
    tables: { ...TABLES, 'nba_analytics.player_game_summary': [...TABLES['nba_analytics.player_game_summary'], TABLES['nba_analytics.player_game_summary'][0]!] },
    error: { code: 'DuplicateRowKey', message: /duplicate key[\s\S]*alphaone|alphaone[\s\S]*duplicate key/ },
  },
]);
