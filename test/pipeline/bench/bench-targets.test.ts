/**
 * Verdicts on the benchmark targets of issue 10, on hand-made results: each limit is inclusive,
 * a scale that was not run is "not measured" (never "met"), and the table names every target.
 */
import { describe, expect, test } from 'vitest';
import { formatTargets, type BenchResults, type ScaleResult } from '../../../pipeline/bench/bench-results.ts';
import { evaluateTargets } from '../../../pipeline/bench/bench-targets.ts';

const scale = (over: Partial<ScaleResult>): ScaleResult => ({
  build_s: 1, floor_s: 0.5, floor_min_s: 0.4, floor_max_s: 0.7, ratio: 2, queries_alone_s: 0.4, queries_alone_ratio: 0.8, files: 10, bytes: 100, files_per_s: 10,
  peak_rss_mb: 200, v8_heap_at_peak_mb: 80, cpu_user_s: 1.5, cpu_system_s: 0.3, cpu_busy: 0.9,
  queries: 21, endpoints: 21, manifest_queries: 21, other_queries: 1, seeded: false, ...over,
});
const counts = (requests: number, uploads: number) => ({ requests, uploads, bytes: uploads * 10 });
const results = (scales: Record<string, ScaleResult>, noop = counts(1, 0), median = 180): Omit<BenchResults, 'targets'> => ({
  machine: { cpu: 'x', cores: 2, memory_gb: 1, node: 'v20', os: 'Linux', load_start: [0, 0, 0], load_end: [0, 0, 0] },
  date: '2026-12-01T00:00:00Z', scales,
  publish: { first: counts(20, 10), noop, hourly: counts(8, 4), naive_first: counts(20, 10), naive_noop: counts(20, 10) },
  live_tick: { median_ms: median, p95_ms: median + 40, ticks: 30, written: 30, failed: 0 },
  settings: { publish_scale: 1, players_per_team: 13, tick_step_min: 3 },
});
const metOf = (verdicts: ReturnType<typeof evaluateTargets>) => verdicts.map((v) => v.met);

describe('evaluateTargets', () => {
  test('every target met at its limit (limits are inclusive)', () => {
    const verdicts = evaluateTargets(results({ 1: scale({ ratio: 2 }), 5: scale({ peak_rss_mb: 300 }), 10: scale({ build_s: 60 }) }, counts(3, 0), 1000));
    expect(metOf(verdicts)).toEqual([true, true, true, true, true, true]);
    expect(verdicts.map((v) => v.measured)).toEqual(['2×', '60 s', '300 MB', '1: 21/21, 5: 21/21, 10: 21/21', '0 uploads, 3 requests', '1000 ms']);
  });

  test('each target missed just past its limit', () => {
    const verdicts = evaluateTargets(results({ 1: scale({ ratio: 2.1 }), 5: scale({ peak_rss_mb: 300.4 }), 10: scale({ build_s: 60.5, queries: 22 }) }, counts(4, 1), 1001));
    expect(metOf(verdicts)).toEqual([false, false, false, false, false, false]);
  });

  test('a scale that was not run is not measured, and the table says so', () => {
    const verdicts = evaluateTargets(results({ 1: scale({ ratio: 6.8 }) }, counts(1, 0), 180));
    expect(metOf(verdicts)).toEqual([false, null, null, true, true, true]);
    const table = formatTargets(verdicts).join('\n');
    expect(table).toContain('| full build at 10 seasons ≤ 60 s | not run | not measured |');
    expect(table).toContain('| full build ≤ 2× the write floor at 1 season | 6.8× | missed |');
  });
});
