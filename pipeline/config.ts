/**
 * Configuration: one `Options` type, `DEFAULT_OPTIONS` and `resolveOptions`, which resolves every
 * setting from the first layer that sets it: the options given (CLI flags, or a caller's), then
 * environment variables, then `props-api.config.json`, then the defaults. This is the only module
 * that reads environment variables. The CLI is flags → options → `runBuild`.
 */
import { CONFIG_FILE_NAME, loadConfigFile, type ConfigFile } from './config-file.ts';
import { TRIGGERS, type Trigger } from './define-exporter.ts';
import { invalidOption } from './errors.ts';
import { DEFAULT_BUILD_LIMITS, LIMIT_NAMES, limitsFromText, type BuildLimits } from './limits.ts';
import type { Dialect } from './sql.ts';
import { dateRange, isIsoDate } from './time.ts';
import {
  DEFAULT_BIGQUERY_OPTIONS, DEFAULT_SAMPLE_WAREHOUSE, bigQueryFromSources, completeBigQueryOptions, parseWarehouse, type BigQueryOptions,
} from './warehouse-settings.ts';

/**
 * Endpoints in flight at once when `queryConcurrency` is not set, by warehouse engine; on BigQuery
 * the `queriesInFlight` setting (warehouse-settings.ts) decides, when the build resolved it.
 */
export const DEFAULT_QUERY_CONCURRENCY: Readonly<Record<Dialect, number>> = { duckdb: 2, bigquery: DEFAULT_BIGQUERY_OPTIONS.queriesInFlight };

/** With the size limits of limits.ts: each from its flag, else its PROPS_API_MAX_* variable, else its default. */
export interface Options extends BuildLimits {
  /** Which trigger's endpoints to build. @default 'all' */
  trigger: Trigger | 'all';
  /** Exporter ids (`results.daily`) or families (`results`) to restrict the build to. @default undefined (all of the trigger) */
  only: string[] | undefined;
  /** Target dates (from `--date` or `--from/--to`), ascending. @default undefined (each exporter's default date) */
  dates: string[] | undefined;
  /**
   * `duckdb:PATH` or `bigquery` (`duckdb` alone is the sample warehouse). Flag `--warehouse`, env
   * PROPS_API_WAREHOUSE, file `warehouse`. @default `duckdb:.cache/sample-warehouse.duckdb`
   */
  warehouse: string;
  /**
   * BigQuery settings when `warehouse` is `bigquery`, each from its `--bq-*` flag, PROPS_API_BQ_*
   * variable or `bigquery.*` file key (docs/bigquery.md); undefined on DuckDB. @default see BigQueryOptions
   */
  bigquery: BigQueryOptions | undefined;
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
   * `bigquery.queriesInFlight` (50) on BigQuery: DuckDB runs on this machine's cores, so more in
   * flight only holds more rows in memory at once (issue 10: 4 → 2 cut peak RSS by ~100 MB at no
   * cost in time); BigQuery queries wait seconds each on the service and gain from overlapping
   * (issue 20).
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

export const DEFAULT_OPTIONS: Options = {
  trigger: 'all',
  only: undefined,
  dates: undefined,
  warehouse: `duckdb:${DEFAULT_SAMPLE_WAREHOUSE}`,
  bigquery: undefined,
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

/** What `resolveOptions` reads besides the options given; tests pass both. */
export interface ConfigSources {
  /** @default process.env */
  env?: NodeJS.ProcessEnv;
  /** The parsed config file. @default props-api.config.json of the working directory, if any */
  file?: ConfigFile;
}

/** Options as given: any subset; BigQuery settings may be given one by one. */
export type OptionsInput = Partial<Omit<Options, 'bigquery'>> & { bigquery?: Partial<BigQueryOptions> };

/**
 * Every option from the first layer that sets it — `partial` (flags), environment, config file,
 * defaults — validated eagerly. Resolving resolved options gives them back unchanged.
 */
export function resolveOptions(partial: OptionsInput = {}, sources: ConfigSources = {}): Options {
  const env = sources.env ?? process.env;
  const file = sources.file ?? loadConfigFile() ?? {};
  const given = Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)) as OptionsInput;
  const warehouse = resolveWarehouse(given.warehouse, env, file);
  const options: Options = {
    ...DEFAULT_OPTIONS,
    systemId: env.PROPS_API_SYSTEM_ID ?? DEFAULT_OPTIONS.systemId,
    verbose: isDebugEnabled(env),
    feed: (env.PROPS_API_FEED ?? DEFAULT_OPTIONS.feed) as LiveFeedKind,
    feedUrl: env.PROPS_API_FEED_URL ?? DEFAULT_OPTIONS.feedUrl,
    ...limitsFromEnv(env),
    ...given,
    warehouse,
    bigquery: warehouse === 'bigquery' ? resolveBigQuery(given.bigquery ?? {}, env, file) : undefined,
  };
  validateOptions(options);
  return options;
}

/** `warehouse` from the first layer that sets it, validated naming that layer. */
function resolveWarehouse(given: string | undefined, env: NodeJS.ProcessEnv, file: ConfigFile): string {
  const layers: [string | undefined, string][] = [[given, 'warehouse'], [env.PROPS_API_WAREHOUSE, 'PROPS_API_WAREHOUSE'], [file.warehouse, `warehouse in ${CONFIG_FILE_NAME}`]];
  const found = layers.find(([value]) => value !== undefined);
  return found === undefined ? DEFAULT_OPTIONS.warehouse : parseWarehouse(found[0], found[1]);
}

/** BigQuery settings, each from the first of: the options given, its PROPS_API_BQ_* variable (empty is unset), the file. */
function resolveBigQuery(given: Partial<BigQueryOptions>, env: NodeJS.ProcessEnv, file: ConfigFile): BigQueryOptions {
  return completeBigQueryOptions(bigQueryFromSources([
    { value: (setting) => given[setting.key], label: (setting) => `bigquery.${setting.key}` },
    { value: (setting) => (env[setting.env] === '' ? undefined : env[setting.env]), label: (setting) => setting.env },
    { value: (setting) => file.bigquery?.[setting.key], label: (setting) => `bigquery.${setting.key} in ${CONFIG_FILE_NAME}` },
  ]));
}

/** `DEBUG=props-api` (alone or in a comma-separated list) or `DEBUG=*` turns on debug output. */
export function isDebugEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return /(^|,)props-api(,|$)|^\*$/.test(env.DEBUG ?? '');
}

function validateOptions(options: Options): void {
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
  if (!(LIVE_FEED_KINDS as readonly string[]).includes(options.feed)) throw invalidOption('feed', '`sample` or `http`', options.feed);
  if (!/^https?:\/\/[^\s/]+/.test(options.feedUrl)) throw invalidOption('feedUrl', 'an http(s) URL such as https://api.balldontlie.io/v1', options.feedUrl);
}

/** The balldontlie API key for `--feed http`, from the environment; undefined when unset. Never log it. */
export function resolveFeedApiKey(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const key = env[FEED_API_KEY_ENV]?.trim();
  return key === undefined || key === '' ? undefined : key;
}

/** Where the API is served, for `servers` in generated/openapi.json (`generate --server-url`, env PROPS_API_SERVER_URL). */
export const DEFAULT_SERVER_URL = 'https://nbaprops.com';

/** The server URL from the flag, else PROPS_API_SERVER_URL (empty is unset), else the default; an http(s) URL without a trailing slash. */
export function resolveServerUrl(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.PROPS_API_SERVER_URL?.trim();
  const value = flag ?? (fromEnv === '' ? undefined : fromEnv) ?? DEFAULT_SERVER_URL;
  if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(value) || value.endsWith('/')) {
    throw invalidOption('--server-url', 'an http(s) URL above the `v1/` paths, without a trailing slash, such as `https://nbaprops.com`', value);
  }
  return value;
}
