/**
 * The benchmark's targets (issue 20, which keeps part of issue 10's) as data, and their verdicts on
 * one run's results: the table says which are met, so nobody has to compare numbers by hand. A
 * target whose scale or section was not run (`--scales 1`, `--quick`) is reported as not measured,
 * never as met.
 *
 * Reported, never judged: the build's ratio to the write floor and the peak RSS at 1 and 5
 * seasons (issue 20 retired those targets of issue 10: production builds run on BigQuery), the
 * publish counts on the loopback bucket and the local live tick. They stay in the results and
 * the tables.
 */
import type { BenchResults, ScaleResult, TargetVerdict } from './bench-results.ts';
import type { ProductionResult } from './production-bench.ts';
import type { UnchangedHourly } from './unchanged-hourly.ts';

interface ScaleTarget {
  target: string;
  scale: string;
  measure: (scale: ScaleResult) => number;
  unit: string;
  limit: number;
}

/** The largest scale: the build-time and memory targets are judged there. */
const TARGET_SEASONS = '10';
const BUILD_LIMIT_S = 60;
/** The memory the old live export function had. */
const RSS_LIMIT_MB = 512;

const SCALE_TARGETS: readonly ScaleTarget[] = [
  { target: `full build at ${TARGET_SEASONS} seasons ≤ ${BUILD_LIMIT_S} s`, scale: TARGET_SEASONS, measure: (s) => s.build_s, unit: ' s', limit: BUILD_LIMIT_S },
  { target: `peak RSS at ${TARGET_SEASONS} seasons ≤ ${RSS_LIMIT_MB} MB (default settings)`, scale: TARGET_SEASONS, measure: (s) => s.peak_rss_mb, unit: ' MB', limit: RSS_LIMIT_MB },
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
  return [...verdicts, ...(results.production ? productionTargets(results.production) : notMeasured(PRODUCTION_TARGETS))];
}

/** Issue 20: how close each production measure comes to its limit. */
export const PRODUCTION_RATIO_LIMIT = 1.5;
export const LIVE_TICK_LIMIT_S = 3;

const PRODUCTION_TARGETS = [
  `every trigger's build on BigQuery ≤ ${PRODUCTION_RATIO_LIMIT}× its limit (slowest query alone + local build)`,
  `first publish to GCS ≤ ${PRODUCTION_RATIO_LIMIT}× its limit`,
  `live tick median on BigQuery and GCS ≤ ${LIVE_TICK_LIMIT_S} s`,
  'unchanged hourly build: 0 endpoint queries, ≤ 1 metadata request per dataset, 0 uploads (endpoints rebuilt by every build excepted)',
] as const;

const notMeasured = (targets: readonly string[]): TargetVerdict[] => targets.map((target) => ({ target, measured: 'not run', met: null }));

export function productionTargets(p: ProductionResult): TargetVerdict[] {
  const [builds, publish, tick, unchanged] = PRODUCTION_TARGETS;
  const ratios = Object.entries(p.builds);
  return [
    {
      target: builds,
      measured: ratios.map(([trigger, b]) => `${trigger} ${b.ratio}×`).join(', ') || 'not run',
      met: ratios.length === 0 ? null : ratios.every(([, b]) => b.ratio <= PRODUCTION_RATIO_LIMIT),
    },
    { target: publish, measured: `${p.publish_first.ratio}×`, met: p.publish_first.ratio <= PRODUCTION_RATIO_LIMIT },
    { target: tick, measured: `${p.live_tick.median_s} s at ${p.query_latency_s} s query / ${p.storage_latency_ms} ms storage latency`, met: p.live_tick.median_s <= LIVE_TICK_LIMIT_S },
    p.unchanged_hourly ? { target: unchanged, ...unchangedHourlyVerdict(p.unchanged_hourly) } : notMeasured([unchanged])[0]!,
  ];
}

/**
 * Met when the only endpoints that queried and the only ones whose files were uploaded are
 * those declared `rebuild: 'always'` (status.status: status.json records when each endpoint was
 * checked), and the stamps took at most one metadata request per dataset. An endpoint that should
 * have been carried over and was queried or uploaded anyway misses the target.
 */
function unchangedHourlyVerdict(u: UnchangedHourly): Pick<TargetVerdict, 'measured' | 'met'> {
  const allowed = new Set(u.always_rebuilt);
  const list = (ids: readonly string[]) => (ids.length === 0 ? '' : ` (${ids.join(', ')})`);
  const measured = `${plural(u.queries, 'endpoint query', 'endpoint queries')}${list(u.rebuilt)}, ${plural(u.metadata_requests, 'metadata request')} for ${plural(u.datasets, 'dataset')}, ${plural(u.uploads, 'upload')}${list(u.uploaded_by)}`;
  const onlyAllowed = (ids: readonly string[]) => ids.every((id) => allowed.has(id));
  const uploadsAccounted = u.uploads === 0 || u.uploaded_by.length > 0;
  return { measured, met: onlyAllowed(u.rebuilt) && u.queries <= u.rebuilt.length && onlyAllowed(u.uploaded_by) && uploadsAccounted && u.metadata_requests <= u.datasets };
}

const plural = (count: number, noun: string, nouns = `${noun}s`) => `${count} ${count === 1 ? noun : nouns}`;
