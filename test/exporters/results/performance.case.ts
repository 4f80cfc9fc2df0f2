/**
 * Golden cases for results.performance. Windows, weighted MAE and win rates are recomputed here
 * from the graded rows; an exact 0 bias must win `lowest_bias`, last season never counts.
 */
import { expect } from 'vitest';
import { defineCases } from '../../helpers/exporter-case.ts';

const AS_OF_DATE = '2025-03-14';
interface G { system: string; player: string; date: string; rec: string; line: number | null; predicted: number; actual: number; confidence: number }
const g = (system: string, player: string, date: string, rec: string, line: number | null, predicted: number, actual: number, confidence = 0.6): G => ({ system, player, date, rec, line, predicted, actual, confidence });

const ROWS: G[] = [
  g('ensemble_v1', 'a', '2025-03-14', 'OVER', 20.5, 24, 25, 0.75), // win, high confidence
  g('ensemble_v1', 'b', '2025-03-14', 'UNDER', 15.5, 13, 18, 0.72), // loss, high confidence
  g('ensemble_v1', 'c', '2025-03-14', 'OVER', 10, 12, 10), // push
  g('ensemble_v1', 'd', '2025-03-14', 'PASS', 12.5, 12.6, 11, 0.9), // PASS, not in the high-confidence denominator
  g('ensemble_v1', 'a', '2025-03-01', 'OVER', 20.5, 22, 30), // 30-day window only
  g('ensemble_v1', 'a', '2024-11-01', 'UNDER', 20.5, 18, 10), // season only
  g('ensemble_v1', 'a', '2024-03-01', 'UNDER', 20.5, 18, 30), // last season: never counted
  g('xgboost_v1', 'a', '2025-03-14', 'OVER', 20.5, 25, 25), // bias exactly 0
  g('xgboost_v1', 'b', '2025-03-14', 'UNDER', 15.5, 18, 18),
  g('mystery_v9', 'a', '2025-03-14', 'NO_LINE', null, 20, 25),
];
const DUPLICATE = { ...ROWS[0]!, line: 19.5, predicted: 23 }; // an older row of the same call (line moved)

const paRow = (r: G) => ({
  player_lookup: r.player, game_id: `${r.date.replaceAll('-', '')}_BOS_NYK`, game_date: r.date, system_id: r.system, predicted_points: r.predicted,
  confidence_score: r.confidence, recommendation: r.rec, line_value: r.line, actual_points: r.actual,
  absolute_error: Math.abs(r.predicted - r.actual), signed_error: r.predicted - r.actual,
});

const win = (r: G) => r.line !== null && ((r.rec === 'OVER' && r.actual > r.line) || (r.rec === 'UNDER' && r.actual < r.line));
const loss = (r: G) => r.line !== null && ((r.rec === 'OVER' && r.actual < r.line) || (r.rec === 'UNDER' && r.actual > r.line));
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const r2 = (x: number) => Math.round(x * 100) / 100;

function expectedWindow(system: string, from: string) {
  const rows = ROWS.filter((r) => r.system === system && r.date >= from && r.date <= AS_OF_DATE);
  const wins = rows.filter(win).length;
  const losses = rows.filter(loss).length;
  const errs = rows.map((r) => Math.abs(r.predicted - r.actual));
  return {
    predictions: rows.length, correct: wins, incorrect: losses,
    win_rate: wins + losses === 0 ? null : r3(wins / (wins + losses)),
    mae: rows.length === 0 ? null : r2(errs.reduce((a, b) => a + b, 0) / rows.length),
  };
}

export default defineCases([
  {
    name: 'three-systems',
    only: ['results.performance'],
    asOf: '2025-03-15T16:00:00Z',
    tables: {
      'nba_predictions.prediction_accuracy': [...ROWS.map(paRow), paRow(DUPLICATE)],
      'nba_predictions.player_prop_predictions': [
        { prediction_id: 'new', system_id: 'ensemble_v1', player_lookup: 'a', game_date: AS_OF_DATE, game_id: '20250314_BOS_NYK', predicted_points: 24, confidence_score: 0.75, recommendation: 'OVER', current_points_line: 20.5, created_at: '2025-03-14T18:00:00Z' },
        { prediction_id: 'old', system_id: 'ensemble_v1', player_lookup: 'a', game_date: AS_OF_DATE, game_id: '20250314_BOS_NYK', predicted_points: 23, confidence_score: 0.75, recommendation: 'OVER', current_points_line: 19.5, created_at: '2025-03-14T15:00:00Z' },
      ],
    },
    check: ({ files }) => {
      const doc = files['v1/systems/performance.json'];
      expect(files[`v1/systems/performance/${AS_OF_DATE}.json`]).toEqual(doc);
      expect(doc.systems.map((s: { system_id: string }) => s.system_id)).toEqual(['ensemble_v1', 'xgboost_v1', 'mystery_v9']);
      const ens = doc.systems[0];
      expect(ens.windows.last_7_days).toMatchObject(expectedWindow('ensemble_v1', '2025-03-08'));
      expect(ens.windows.last_30_days).toMatchObject(expectedWindow('ensemble_v1', '2025-02-13'));
      expect(ens.windows.season).toMatchObject({ ...expectedWindow('ensemble_v1', '2024-10-01'), pushes: 1 });
      expect(ens.breakdown.high_confidence_win_rate).toBe(0.5); // one win, one loss; the PASS at 0.90 is not a call
      expect(ens.is_primary).toBe(true);
      const mystery = doc.systems[2];
      expect(mystery).toMatchObject({ display_name: 'mystery_v9', description: '', is_primary: false });
      expect(mystery.windows.season.win_rate).toBeNull();
      expect(doc.comparison.lowest_bias).toEqual({ system_id: 'xgboost_v1', value: 0 });
      expect(doc.comparison.best_mae.system_id).toBe('xgboost_v1');
    },
  },
]);
