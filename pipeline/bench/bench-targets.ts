/**
 * The benchmark's targets (issues 10 and 20) as data, and their verdicts on one run's results: the table
 * says which are met, so nobody has to compare numbers by hand. A target whose scale was not run
 * (`--scales 1`) is reported as not measured, never as met.
 */
import type { BenchResults, ScaleResult, TargetVerdict } from './bench-results.ts';
import type { ProductionResult } from './production-bench.ts';

interface ScaleTarget {
  target: string;
  scale: string;
  measure: (scale: ScaleResult) => number;
  unit: string;
  limit: number;
}

/** The scale of the peak-RSS target. */
const RSS_TARGET_SEASONS = 5;
const RSS_LIMIT_MB = 300;

const SCALE_TARGETS: readonly ScaleTarget[] = [
  { target: 'full build ≤ 2× the write floor at 1 season', scale: '1', measure: (s) => s.ratio, unit: '×', limit: 2 },
  { target: 'full build at 10 seasons ≤ 60 s', scale: '10', measure: (s) => s.build_s, unit: ' s', limit: 60 },
  { target: `peak RSS at ${RSS_TARGET_SEASONS} seasons ≤ ${RSS_LIMIT_MB} MB`, scale: String(RSS_TARGET_SEASONS), measure: (s) => s.peak_rss_mb, unit: ' MB', limit: RSS_LIMIT_MB },
];

export function evaluateTargets(results: Omit<BenchResults, 'targets'>): TargetVerdict[] {
  const verdicts = SCALE_TARGETS.map(({ target, scale, measure, unit, limit }): TargetVerdict => {
    const result = results.scales[scale];
    if (!result) return { target, measured: 'not run', met: null };
    const value = measure(result);
    return { target, measured: `${value}${unit}`, met: value <= limit };
  });
  const scales = Object.entries(results.scales);
  verdicts.push({
    target: 'queries per build = endpoints, at every scale',
    measured: scales.map(([scale, s]) => `${scale}: ${s.queries}/${s.endpoints}`).join(', ') || 'not run',
    met: scales.length === 0 ? null : scales.every(([, s]) => s.queries === s.endpoints),
  });
  const { noop } = results.publish;
  verdicts.push({ target: 'no-op republish: 0 uploads, ≤ 3 requests', measured: `${plural(noop.uploads, 'upload')}, ${plural(noop.requests, 'request')}`, met: noop.uploads === 0 && noop.requests <= 3 });
  verdicts.push({ target: 'live tick median ≤ 1 s', measured: `${results.live_tick.median_ms} ms`, met: results.live_tick.median_ms <= 1000 });
  return results.production ? [...verdicts, ...productionTargets(results.production)] : verdicts;
}

/** Issue 20: how close each production measure comes to its limit. */
export const PRODUCTION_RATIO_LIMIT = 1.5;
export const LIVE_TICK_LIMIT_S = 3;

export function productionTargets(p: ProductionResult): TargetVerdict[] {
  const builds = Object.entries(p.builds);
  const at = `at ${p.query_latency_s} s query / ${p.storage_latency_ms} ms storage latency`;
  return [
    {
      target: `every trigger's build on BigQuery ≤ ${PRODUCTION_RATIO_LIMIT}× its slowest query alone`,
      measured: builds.map(([trigger, b]) => `${trigger} ${b.ratio}×`).join(', '),
      met: builds.every(([, b]) => b.ratio <= PRODUCTION_RATIO_LIMIT),
    },
    { target: `first publish to GCS ≤ ${PRODUCTION_RATIO_LIMIT}× its limit`, measured: `${p.publish_first.ratio}×`, met: p.publish_first.ratio <= PRODUCTION_RATIO_LIMIT },
    { target: `live tick median ≤ ${LIVE_TICK_LIMIT_S} s ${at}`, measured: `${p.live_tick.median_s} s`, met: p.live_tick.median_s <= LIVE_TICK_LIMIT_S },
  ];
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
