/**
 * Verdicts on the benchmark targets of issue 20, on hand-made results: each limit is inclusive, a
 * scale or section that was not run is "not measured" (never "met"), the retired targets of issue
 * 10 (ratio to the write floor, 300 MB) are figures only, and the unchanged hourly build may query
 * and upload only for endpoints declared `rebuild: 'always'`.
 */
import { describe, expect, test } from 'vitest';
import { formatTargets, type BenchResults, type ScaleResult } from '../../../pipeline/bench/bench-results.ts';
import { evaluateTargets } from '../../../pipeline/bench/bench-targets.ts';
import type { ProductionResult } from '../../../pipeline/bench/production-bench.ts';
import type { UnchangedHourly } from '../../../pipeline/bench/unchanged-hourly.ts';

const scale = (over: Partial<ScaleResult>): ScaleResult => ({
  build_s: 1, floor_s: 0.5, floor_min_s: 0.4, floor_max_s: 0.7, ratio: 2, queries_alone_s: 0.4, queries_alone_ratio: 0.8, files: 10, bytes: 100, files_per_s: 10,
  peak_rss_mb: 200, v8_heap_at_peak_mb: 80, cpu_user_s: 1.5, cpu_system_s: 0.3, cpu_busy: 0.9,
  queries: 21, endpoints: 21, manifest_queries: 21, other_queries: 1, seeded: false, ...over,
});
const counts = (requests: number, uploads: number) => ({ requests, uploads, bytes: uploads * 10 });
/** The unchanged hourly build as it should be: only status.status, rebuilt every time, queried and uploaded. */
const unchanged = (over: Partial<UnchangedHourly> = {}): UnchangedHourly => ({
  queries: 1, metadata_requests: 4, uploads: 1, rebuilt: ['status.status'], datasets: 4, always_rebuilt: ['status.status'], uploaded_by: ['status.status'], ...over,
});
const production = (over: { ratio?: number; publish?: number; tick?: number; unchanged?: UnchangedHourly } = {}): ProductionResult => ({
  query_latency_s: 1.5, page_latency_s: 0.15, storage_latency_ms: 50,
  builds: { daily: { wall_s: 3, limit_s: 3, ratio: 1, queries: 6, slowest_query_s: 1, local_s: 2 }, hourly: { wall_s: 3, limit_s: 2, ratio: over.ratio ?? 1.5, queries: 4, slowest_query_s: 1, local_s: 1 } },
  publish_first: { wall_s: 12, limit_s: 8, ratio: over.publish ?? 1.5, requests: 2516, concurrency: 16 },
  live_tick: { median_s: over.tick ?? 3, p95_s: 3.2 },
  per_player_baseline: { queries: 390, wall_s: 15, ratio_to_build: 1 },
  unchanged_hourly: over.unchanged ?? unchanged(),
});
const results = (scales: Record<string, ScaleResult>, prod?: ProductionResult): Omit<BenchResults, 'targets'> => ({
  machine: { cpu: 'x', cores: 2, memory_gb: 1, node: 'v20', os: 'Linux', load_start: [0, 0, 0], load_end: [0, 0, 0] },
  date: '2026-12-01T00:00:00Z', scales,
  publish: { first: counts(20, 10), noop: counts(1, 0), hourly: counts(8, 4), naive_first: counts(20, 10), naive_noop: counts(20, 10) },
  live_tick: { median_ms: 180, p95_ms: 220, ticks: 30, written: 30, failed: 0 },
  settings: { publish_scale: 1, players_per_team: 13, tick_step_min: 3 },
  ...(prod ? { production: prod } : {}),
});
const metOf = (verdicts: ReturnType<typeof evaluateTargets>) => verdicts.map((v) => v.met);
const verdictOn = (u: UnchangedHourly) => evaluateTargets(results({}, production({ unchanged: u }))).find((v) => v.target.startsWith('unchanged hourly'))!;

describe('evaluateTargets', () => {
  test('every target met at its limit (limits are inclusive), and the table names each one', () => {
    const verdicts = evaluateTargets(results({ 1: scale({}), 5: scale({}), 10: scale({ build_s: 60, peak_rss_mb: 512 }) }, production()));
    expect(metOf(verdicts)).toEqual([true, true, true, true, true, true, true]);
    expect(verdicts.map((v) => v.measured)).toEqual([
      '60 s', '512 MB', '1: 21/21, 5: 21/21, 10: 21/21', 'daily 1×, hourly 1.5×', '1.5×', '3 s at 1.5 s query / 50 ms storage latency',
      '1 endpoint query (status.status), 4 metadata requests for 4 datasets, 1 upload (status.status)',
    ]);
    expect(formatTargets(verdicts).join('\n')).toContain('| peak RSS at 10 seasons ≤ 512 MB (default settings) | 512 MB | met |');
  });

  test('each target missed just past its limit', () => {
    const verdicts = evaluateTargets(results({ 10: scale({ build_s: 60.5, peak_rss_mb: 512.1, queries: 22 }) }, production({ ratio: 1.51, publish: 1.51, tick: 3.01, unchanged: unchanged({ metadata_requests: 5 }) })));
    expect(metOf(verdicts)).toEqual([false, false, false, false, false, false, false]);
  });

  test('a peak RSS of 600 MB at 10 seasons misses', () => {
    const verdicts = evaluateTargets(results({ 10: scale({ peak_rss_mb: 600 }) }, production()));
    expect(verdicts.find((v) => v.target.startsWith('peak RSS'))).toEqual({ target: 'peak RSS at 10 seasons ≤ 512 MB (default settings)', measured: '600 MB', met: false });
  });

  test('retired targets are figures only: a build 5× the write floor and 600 MB at 5 seasons miss nothing', () => {
    const verdicts = evaluateTargets(results({ 1: scale({ ratio: 5, peak_rss_mb: 600 }), 5: scale({ ratio: 5, peak_rss_mb: 600 }), 10: scale({ ratio: 5 }) }, production()));
    expect(metOf(verdicts).every((met) => met === true)).toBe(true);
    expect(verdicts.map((v) => v.target).join('\n')).not.toMatch(/write floor|300 MB/);
  });

  test('a scale or section that was not run is not measured, and the table says so', () => {
    const verdicts = evaluateTargets(results({ 1: scale({}) }));
    expect(metOf(verdicts)).toEqual([null, null, true, null, null, null, null]);
    const table = formatTargets(verdicts).join('\n');
    expect(table).toContain('| full build at 10 seasons ≤ 60 s | not run | not measured |');
    expect(table).toContain("| every trigger's build on BigQuery ≤ 1.5× its limit (slowest query alone + local build) | not run | not measured |");
  });
});

describe('the unchanged hourly build: only endpoints rebuilt by every build may query and upload', () => {
  test('met: nothing at all, or status.status alone', () => {
    expect(verdictOn(unchanged({ queries: 0, uploads: 0, rebuilt: [], uploaded_by: [] })).met).toBe(true);
    expect(verdictOn(unchanged()).met).toBe(true);
  });

  test('an extra rebuilt endpoint misses, even when its bytes did not change (no upload)', () => {
    expect(verdictOn(unchanged({ queries: 2, rebuilt: ['status.status', 'trends.whos-hot'] }))).toMatchObject({ met: false, measured: expect.stringContaining('2 endpoint queries (status.status, trends.whos-hot)') });
  });

  test('an upload of a carried endpoint\'s file misses', () => {
    expect(verdictOn(unchanged({ uploads: 2, uploaded_by: ['status.status', 'trends.whos-hot'] })).met).toBe(false);
  });

  test('queries or uploads the lists do not account for miss', () => {
    expect(verdictOn(unchanged({ queries: 2 })).met).toBe(false);
    expect(verdictOn(unchanged({ uploads: 1, uploaded_by: [] })).met).toBe(false);
  });

  test('more metadata requests than datasets miss', () => {
    expect(verdictOn(unchanged({ metadata_requests: 5, datasets: 4 })).met).toBe(false);
  });
});
