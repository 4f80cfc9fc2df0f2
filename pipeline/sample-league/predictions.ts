/**
 * Predictions of the five systems for one player in one game (`player_prop_predictions` rows).
 *
 * The model systems see the player's true expectation through noise of their own size (ensemble
 * smallest, so it hits 52–58 % against a market with 1.5 points of error); the moving-average
 * baseline sees only the last three games. Reproduces the real table's quirks: when the line moved
 * across an integer during the day, an earlier row at the old line stays (both active); a few rows
 * are explicitly superseded (`is_active` FALSE); similarity-only columns are NULL elsewhere.
 */
import { slotMinutes } from './box-scores.ts';
import type { Participant } from './box-scores.ts';
import type { Row } from './ddl.ts';
import type { PredictionLine } from './lines.ts';
import { clamp, roundTo } from './random.ts';
import type { Random } from './random.ts';
import { meanPoints } from './stat-line.ts';
import { meanOfLast, seasonAverage } from './state.ts';

export type PredictionRow = Row<'nba_predictions.player_prop_predictions'>;

interface SystemModel {
  id: string;
  /** Standard deviation of the system's view of the true expectation; null = moving average. */
  errorSd: number | null;
  bias: number;
}

export const SYSTEMS: readonly SystemModel[] = [
  { id: 'ensemble_v1', errorSd: 2.2, bias: 0 },
  { id: 'xgboost_v1', errorSd: 2.4, bias: 0.1 },
  { id: 'moving_average_baseline_v1', errorSd: null, bias: 0 },
  { id: 'similarity_balanced_v1', errorSd: 2.5, bias: -0.1 },
  { id: 'zone_matchup_v1', errorSd: 2.8, bias: 0.3 },
];

/** Games averaged by the moving-average baseline. */
const BASELINE_GAMES = 3;
/** Below this |predicted − line| a system recommends PASS. */
const PASS_EDGE_POINTS = 1.0;
const SUPERSEDED_SHARE = 0.01;
/** Upstream falls back to 10.0 when a player has no scoring history. */
const UNKNOWN_AVERAGE_POINTS = 10;

export interface PredictPlayerOptions {
  participant: Participant;
  line: PredictionLine;
  /** Game id in the prediction tables' format for this date (native or backfilled date-based). */
  gameId: string;
  date: string;
  createdAt: Date;
  random: Random;
}

/** Every prediction row for one player and game, in a fixed order (per system: older rows first). */
export function predictPlayer(o: PredictPlayerOptions): PredictionRow[] {
  const truth = o.participant.expectedPoints > 0 ? o.participant.expectedPoints : meanPoints(o.participant, slotMinutes(o.participant.slot));
  const superseded = o.line.value !== null && o.random.chance(SUPERSEDED_SHARE);
  const rows: PredictionRow[] = [];
  for (const system of SYSTEMS) {
    const predicted = systemView(system, truth, o.participant, o.random);
    if (o.line.earlier !== null) {
      const earlierAt = new Date(o.createdAt.getTime() - o.random.int(120, 240) * 60_000);
      rows.push(predictionRow(o, { system, predicted: predicted + o.random.normal(0, 0.3), line: o.line.earlier, createdAt: earlierAt }));
    }
    const row = predictionRow(o, { system, predicted, line: o.line.value, createdAt: o.createdAt });
    if (superseded) {
      const older = predictionRow(o, { system, predicted: predicted + o.random.normal(0, 0.5), line: o.line.value, createdAt: new Date(o.createdAt.getTime() - 3_600_000) });
      rows.push({ ...older, is_active: false, superseded_by: row.prediction_id, updated_at: o.createdAt });
    }
    rows.push(row);
  }
  return rows;
}

function systemView(system: SystemModel, truth: number, p: Participant, random: Random): number {
  if (system.errorSd === null) {
    const points = p.state.recent.map((g) => g.points);
    return meanOfLast(points, BASELINE_GAMES) ?? seasonAverage(p.state) ?? UNKNOWN_AVERAGE_POINTS;
  }
  return truth + system.bias + random.normal(0, system.errorSd);
}

interface RowSpec {
  system: SystemModel;
  predicted: number;
  line: number | null;
  createdAt: Date;
}

function predictionRow(o: PredictPlayerOptions, spec: RowSpec): PredictionRow {
  const predicted = roundTo(clamp(spec.predicted, 0, 80), 1);
  const edge = spec.line === null ? null : roundTo(predicted - spec.line, 2);
  const similarity = spec.system.id === 'similarity_balanced_v1';
  return {
    prediction_id: o.random.uuid(), system_id: spec.system.id, player_lookup: o.participant.player.name.lookup,
    universal_player_id: o.participant.player.universalId, game_date: o.date, game_id: o.gameId,
    prediction_version: 1, predicted_points: predicted, confidence_score: confidence(edge, o.random),
    recommendation: recommend(edge), has_prop_line: o.line.source === 'ACTUAL_PROP',
    current_points_line: spec.line, line_margin: edge, line_source: o.line.source,
    pace_adjustment: similarity ? roundTo(o.random.normal(0, 1.6), 2) : null,
    similar_games_count: similarity ? o.random.int(8, 45) : null,
    is_active: true, superseded_by: null, created_at: spec.createdAt, updated_at: null,
  };
}

/** OVER / UNDER by the side of the edge, PASS inside the dead zone, NO_LINE without a line. */
export function recommend(edge: number | null): 'OVER' | 'UNDER' | 'PASS' | 'NO_LINE' {
  if (edge === null) return 'NO_LINE';
  if (Math.abs(edge) < PASS_EDGE_POINTS) return 'PASS';
  return edge > 0 ? 'OVER' : 'UNDER';
}

/** 0–1 with two decimals, as the worker normalises it; grows with the size of the edge. */
function confidence(edge: number | null, random: Random): number {
  const raw = edge === null ? random.normal(0.45, 0.08) : 0.5 + 0.05 * Math.abs(edge) + random.normal(0, 0.06);
  return roundTo(clamp(raw, 0.2, 0.95), 2);
}
