/**
 * Options of `npm run bench`: one `BenchOptions` type, its defaults and eager validation with the
 * house message template ("Expected `scales` to be …, got `0` (string)").
 */
import { invalidOption } from '../errors.ts';

export interface BenchOptions {
  /** Seasons of sample history to benchmark, ascending. @default [1, 5, 10] (`--quick`: [1]) */
  scales: number[];
  /** Smoke run: scale 1 only and fewer live ticks. @default false */
  quick: boolean;
  /** Live ticks to time. @default 30 (`--quick`: 5) */
  ticks: number;
  /** Sample clock advance per live tick. @default 180000 (3 minutes) */
  tickStepMs: number;
  /** Roster size of the generated warehouses (the generator's default keeps benchmarks comparable). @default 13 */
  playersPerTeam: number;
  /** Cached warehouses (`seasons-N.duckdb`) and the run's scratch trees (`run/`). @default '.cache/bench' */
  cacheDir: string;
  /** Where the results go. @default 'bench/results.json' (`--quick`: '.cache/bench/results.quick.json') */
  resultsFile: string;
  /**
   * Timed runs of each floor (the tree's write floor, the queries alone); their median is reported.
   * Undefined keeps each floor's own default (5 writes, 3 query passes).
   */
  floorRuns: number | undefined;
  /** Write a V8 CPU profile of every build child into this directory (`--cpu-prof-dir`). @default undefined */
  cpuProfileDir: string | undefined;
  /**
   * The production section (production-bench.ts): `also` after the local sections, `only` it
   * (`--production`: merged into the results file), `no`. @default 'also' (`--quick`: 'no')
   */
  production: 'also' | 'only' | 'no';
  /** Loopback BigQuery: each job's time from insert to done (`--query-latency-ms`). @default 1500 */
  queryLatencyMs: number;
  /** Loopback BigQuery: each results page (`--page-latency-ms`). @default 150 */
  pageLatencyMs: number;
  /** Loopback GCS: each request (`--storage-latency-ms`). @default 50 */
  storageLatencyMs: number;
  /** Loopback GCS: each request's latency varies by up to this either way (`--storage-jitter-ms`). @default 20 */
  storageJitterMs: number;
}

export const DEFAULT_BENCH_OPTIONS: BenchOptions = {
  scales: [1, 5, 10],
  quick: false,
  ticks: 30,
  tickStepMs: 3 * 60 * 1000,
  playersPerTeam: 13,
  cacheDir: '.cache/bench',
  resultsFile: 'bench/results.json',
  floorRuns: undefined,
  cpuProfileDir: undefined,
  production: 'also',
  queryLatencyMs: 1_500,
  pageLatencyMs: 150,
  storageLatencyMs: 50,
  storageJitterMs: 20,
};

const QUICK_DEFAULTS: Partial<BenchOptions> = { scales: [1], ticks: 5, resultsFile: '.cache/bench/results.quick.json', production: 'no' };

const LATENCY_OPTIONS = ['queryLatencyMs', 'pageLatencyMs', 'storageLatencyMs', 'storageJitterMs'] as const;

const MAX_SEASONS = 30;

export function resolveBenchOptions(partial: Partial<BenchOptions>): BenchOptions {
  const given = Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)) as Partial<BenchOptions>;
  const options: BenchOptions = { ...DEFAULT_BENCH_OPTIONS, ...(given.quick ? QUICK_DEFAULTS : {}), ...given };
  const { scales } = options;
  if (!Array.isArray(scales) || scales.length === 0 || !scales.every((s) => Number.isInteger(s) && s >= 1 && s <= MAX_SEASONS)) {
    throw invalidOption('scales', `a non-empty list of season counts from 1 to ${MAX_SEASONS}`, scales);
  }
  options.scales = [...new Set(scales)].sort((a, b) => a - b);
  if (!Number.isInteger(options.ticks) || options.ticks < 1) throw invalidOption('ticks', 'an integer ≥ 1', options.ticks);
  if (!Number.isInteger(options.tickStepMs) || options.tickStepMs < 1) throw invalidOption('tickStepMs', 'an integer ≥ 1', options.tickStepMs);
  if (!Number.isInteger(options.playersPerTeam)) throw invalidOption('playersPerTeam', 'an integer from 8 to 20', options.playersPerTeam);
  if (options.floorRuns !== undefined && (!Number.isInteger(options.floorRuns) || options.floorRuns < 1)) throw invalidOption('floorRuns', 'an integer ≥ 1', options.floorRuns);
  if (!['also', 'only', 'no'].includes(options.production)) throw invalidOption('production', '`also`, `only` or `no`', options.production);
  const badLatency = LATENCY_OPTIONS.find((name) => !Number.isInteger(options[name]) || options[name] < 0);
  if (badLatency !== undefined) throw invalidOption(badLatency, 'an integer number of milliseconds ≥ 0', options[badLatency]);
  if (options.storageJitterMs > options.storageLatencyMs) throw invalidOption('storageJitterMs', `at most storageLatencyMs (${options.storageLatencyMs})`, options.storageJitterMs);
  return options;
}

/** `--scales 1,5,10` → [1, 5, 10] (ranges are checked by `resolveBenchOptions`). */
export function parseScales(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  if (!/^\s*\d+\s*(,\s*\d+\s*)*$/.test(text)) throw invalidOption('--scales', 'comma-separated season counts such as 1,5,10', text);
  return text.split(',').map(Number);
}
