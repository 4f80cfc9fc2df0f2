/**
 * Build options: one `BuildOptions` type, `DEFAULT_BUILD_OPTIONS` and `resolveBuildOptions`.
 * This is the only module that reads environment variables.
 */
import { TRIGGERS, type Trigger } from './define-exporter.ts';
import { invalidOption } from './errors.ts';
import { DEFAULT_BUILD_LIMITS, LIMIT_NAMES, limitsFromText, type BuildLimits } from './limits.ts';
import type { Dialect } from './sql.ts';
import { dateRange, isIsoDate } from './time.ts';
import { loadConfigFile, resolveWarehouseConfig, type WarehouseConfig, type WarehouseFlags } from './warehouse-config.ts';

/** Endpoints in flight at once when `queryConcurrency` is not set, by warehouse engine. */
export const DEFAULT_QUERY_CONCURRENCY: Readonly<Record<Dialect, number>> = { duckdb: 2, bigquery: 4 };

export const DEFAULT_SAMPLE_WAREHOUSE = '.cache/sample-warehouse.duckdb';

/** With the size limits of limits.ts: each from its flag, else its PROPS_API_MAX_* variable, else its default. */
export interface BuildOptions extends BuildLimits {
  /** Which trigger's endpoints to build. @default 'all' */
  trigger: Trigger | 'all';
  /** Exporter ids (`results.daily`) or families (`results`) to restrict the build to. @default undefined (all of the trigger) */
  only: string[] | undefined;
  /** Target dates (from `--date` or `--from/--to`), ascending. @default undefined (each exporter's default date) */
  dates: string[] | undefined;
  /** `duckdb:PATH` or `bigquery`. @default `duckdb:.cache/sample-warehouse.duckdb` */
  warehouse: string;
  /** Output directory holding `<buildId>/` trees. @default 'out' */
  outDir: string;
  /** Plan only: print the jobs, run no query, write nothing. @default false */
  dryRun: boolean;
  /** The prediction system that single-system endpoints publish. @default 'ensemble_v1' (env PROPS_API_SYSTEM_ID) */
  systemId: string;
  /** Override the build's notion of now (ISO instant or `YYYY-MM-DD`). @default the sample's as-of, else the wall clock */
  asOf: string | undefined;
  /** Per-player endpoints only for these player_lookups (`--players`). @default undefined (every player) */
  players: string[] | undefined;
  /** Minimum graded games for weekly player pages (`--min-games`). @default 5 */
  minGradedGames: number;
  /**
   * Endpoints (each one warehouse query, then its files) in flight at once. @default 2 on DuckDB,
   * 4 on BigQuery: DuckDB runs on this machine's cores, so more in flight only holds more rows in
   * memory at once (issue 10: 4 → 2 cut peak RSS by ~100 MB at no cost in time); BigQuery queries
   * wait on the network and gain from overlapping.
   */
  queryConcurrency: number | undefined;
  /** Print debug detail. @default false (env DEBUG=props-api) */
  verbose: boolean;
  /** Live feed adapter for live endpoints: `sample` (replay of the sample league's night) or `http` (balldontlie). @default 'sample' (env PROPS_API_FEED) */
  feed: LiveFeedKind;
  /** Base URL of the balldontlie API for `--feed http`. @default 'https://api.balldontlie.io/v1' (env PROPS_API_FEED_URL) */
  feedUrl: string;
}

export const LIVE_FEED_KINDS = ['sample', 'http'] as const;
export type LiveFeedKind = (typeof LIVE_FEED_KINDS)[number];

/** Environment variable holding the balldontlie API key (read here only; never logged or written). */
export const FEED_API_KEY_ENV = 'BALLDONTLIE_API_KEY';

export const DEFAULT_BUILD_OPTIONS: BuildOptions = {
  trigger: 'all',
  only: undefined,
  dates: undefined,
  warehouse: `duckdb:${DEFAULT_SAMPLE_WAREHOUSE}`,
  outDir: 'out',
  dryRun: false,
  systemId: 'ensemble_v1',
  asOf: undefined,
  players: undefined,
  minGradedGames: 5,
  queryConcurrency: undefined,
  verbose: false,
  feed: 'sample',
  feedUrl: 'https://api.balldontlie.io/v1',
  ...DEFAULT_BUILD_LIMITS,
};

/** The limits set in PROPS_API_MAX_* variables (an empty one counts as unset), validated. */
function limitsFromEnv(env: NodeJS.ProcessEnv): Partial<BuildLimits> {
  return limitsFromText((setting) => (env[setting.env] === '' ? undefined : env[setting.env]), (setting) => setting.env);
}

export interface DateSelection { date?: string; from?: string; to?: string }

/** `--date D` or `--from A --to B` (inclusive) → the list of dates, validated. */
export function resolveDates(selection: DateSelection): string[] | undefined {
  const { date, from, to } = selection;
  if (date !== undefined && (from !== undefined || to !== undefined)) throw invalidOption('date', 'used without --from/--to', date);
  for (const [name, value] of Object.entries({ date, from, to })) {
    if (value !== undefined && !isIsoDate(value)) throw invalidOption(name, 'a calendar date YYYY-MM-DD', value);
  }
  if (date !== undefined) return [date];
  if (from === undefined && to === undefined) return undefined;
  if (from === undefined || to === undefined) throw invalidOption(from === undefined ? 'from' : 'to', 'given together with the other end of the range', from ?? to);
  if (from > to) throw invalidOption('from', `a date on or before --to (${to})`, from);
  return dateRange(from, to);
}

export function resolveBuildOptions(partial: Partial<BuildOptions>, env: NodeJS.ProcessEnv = process.env): BuildOptions {
  const options: BuildOptions = {
    ...DEFAULT_BUILD_OPTIONS,
    systemId: env.PROPS_API_SYSTEM_ID ?? DEFAULT_BUILD_OPTIONS.systemId,
    warehouse: env.PROPS_API_WAREHOUSE ?? DEFAULT_BUILD_OPTIONS.warehouse,
    verbose: /(^|,)props-api(,|$)|^\*$/.test(env.DEBUG ?? ''),
    feed: (env.PROPS_API_FEED ?? DEFAULT_BUILD_OPTIONS.feed) as LiveFeedKind,
    feedUrl: env.PROPS_API_FEED_URL ?? DEFAULT_BUILD_OPTIONS.feedUrl,
    ...limitsFromEnv(env),
    ...Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)),
  };
  if (options.trigger !== 'all' && !(TRIGGERS as readonly string[]).includes(options.trigger)) {
    throw invalidOption('trigger', `one of ${[...TRIGGERS, 'all'].join(', ')}`, options.trigger);
  }
  if (options.queryConcurrency !== undefined && (!Number.isInteger(options.queryConcurrency) || options.queryConcurrency < 1)) {
    throw invalidOption('queryConcurrency', 'an integer ≥ 1', options.queryConcurrency);
  }
  const badLimit = LIMIT_NAMES.find((name) => !Number.isSafeInteger(options[name]) || options[name] < 1);
  if (badLimit !== undefined) throw invalidOption(badLimit, 'an integer ≥ 1', options[badLimit]);
  if (!Number.isInteger(options.minGradedGames) || options.minGradedGames < 0) {
    throw invalidOption('minGradedGames', 'an integer ≥ 0', options.minGradedGames);
  }
  const badDate = options.dates?.find((d) => typeof d !== 'string' || !isIsoDate(d));
  if (badDate !== undefined) throw invalidOption('dates', 'calendar dates YYYY-MM-DD', badDate);
  const badPlayer = options.players?.find((p) => !/^[a-z0-9]+$/.test(p));
  if (badPlayer !== undefined) throw invalidOption('players', 'comma-separated player_lookup keys (lower-case letters and digits)', badPlayer);
  if (!/^[a-z][a-z0-9_]*$/.test(options.systemId)) throw invalidOption('systemId', 'a system id such as ensemble_v1', options.systemId);
  if (!/^(duckdb(:.+)?|bigquery)$/.test(options.warehouse)) throw invalidOption('warehouse', '`duckdb:PATH` or `bigquery`', options.warehouse);
  if (!(LIVE_FEED_KINDS as readonly string[]).includes(options.feed)) throw invalidOption('feed', '`sample` or `http`', options.feed);
  if (!/^https?:\/\/[^\s/]+/.test(options.feedUrl)) throw invalidOption('feedUrl', 'an http(s) URL such as https://api.balldontlie.io/v1', options.feedUrl);
  return options;
}

/** The balldontlie API key for `--feed http`, from the environment; undefined when unset. Never log it. */
export function resolveFeedApiKey(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const key = env[FEED_API_KEY_ENV]?.trim();
  return key === undefined || key === '' ? undefined : key;
}

/** The warehouse to open: `--warehouse` and `--bq-*` flags, then PROPS_API_* environment, then props-api.config.json. */
export async function resolveWarehouseFromFlags(flags: WarehouseFlags, env: NodeJS.ProcessEnv = process.env): Promise<WarehouseConfig> {
  return resolveWarehouseConfig(flags, env, (await loadConfigFile()) ?? {});
}
