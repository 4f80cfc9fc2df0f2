/**
 * Warehouse configuration: which engine a build reads (`--warehouse duckdb:PATH | bigquery`) and
 * BigQuery's production settings, resolved eagerly into one typed options object.
 *
 * Precedence, highest first: CLI flags, environment, `props-api.config.json`, defaults. This module
 * is pure: the caller passes the environment and the config file (pipeline/config.ts is the one
 * place that reads `process.env`; `loadConfigFile` reads the file). docs/bigquery.md is the
 * operator's reference for every setting.
 */
import { readFile } from 'node:fs/promises';
import type { BigQueryWarehouseOptions } from './adapters/bigquery-warehouse.ts';
import type { CommandOptions } from './commands/command.ts';
import { ConfigError, invalidOption } from './errors.ts';
import type { Warehouse } from './ports.ts';
import { BIGQUERY_SETTINGS, readSetting, type SettingSources } from './warehouse-settings.ts';

export interface BigQueryOptions {
  /** Project that runs (and pays for) the query jobs; needs `roles/bigquery.jobUser`. Required. */
  project: string;
  /** Project holding the datasets, when not `project`; needs `roles/bigquery.dataViewer` on them. @default the value of `project` */
  datasetProject: string;
  /** BigQuery location of the datasets and jobs. @default 'US' */
  location: string;
  /** Prefix added to every dataset name, e.g. `staging_`. @default '' */
  datasetPrefix: string;
  /** Per-query cap: a job that would bill more fails with `BytesBilledExceeded`. @default 10 GiB */
  maximumBytesBilled: number;
  /** A job still running after this long is cancelled and fails with `QueryTimeout`. @default 300000 (5 minutes) */
  jobTimeoutMs: number;
  /** Retries of a query after a transient error (rate limit, backend error, 5xx, dropped connection). @default 4 */
  maxRetries: number;
  /** First backoff delay; doubles per retry, with jitter, capped at 32 s. @default 1000 */
  retryBaseDelayMs: number;
  /** Rows per results page (`maxResults`); pages are fetched one at a time. @default 10000 */
  pageSize: number;
}

export const DEFAULT_BIGQUERY_OPTIONS: Omit<BigQueryOptions, 'project' | 'datasetProject'> = {
  location: 'US',
  datasetPrefix: '',
  maximumBytesBilled: 10 * 1024 ** 3,
  jobTimeoutMs: 300_000,
  maxRetries: 4,
  retryBaseDelayMs: 1_000,
  pageSize: 10_000,
};

/** What a build reads. `path: undefined` means the build's default sample warehouse. */
export type WarehouseConfig = { kind: 'duckdb'; path: string | undefined } | { kind: 'bigquery'; bigquery: BigQueryOptions };

/** `props-api.config.json`: every key optional; BigQuery keys as in `BigQueryOptions`. */
export interface ConfigFile {
  warehouse?: string;
  bigquery?: Partial<Record<keyof BigQueryOptions, string | number>>;
}

export const CONFIG_FILE_NAME = 'props-api.config.json';

/** Flags a command spreads into its parseArgs `options` to accept the warehouse settings. */
export const WAREHOUSE_FLAG_OPTIONS: CommandOptions = {
  warehouse: { type: 'string' },
  ...Object.fromEntries(Object.values(BIGQUERY_SETTINGS).map((setting) => [setting.flag, { type: 'string' as const }])),
};

export type WarehouseFlags = Record<string, string | boolean | (string | boolean)[] | undefined>;
export type Env = Readonly<Record<string, string | undefined>>;

/** BigQuery settings from flags, environment and config file, validated. Throws `ConfigError` naming the source of a bad value. */
export function resolveBigQueryOptions(flags: WarehouseFlags, env: Env, configFile: ConfigFile = {}): BigQueryOptions {
  const sources: SettingSources = { flags, env, file: configFile.bigquery ?? {} };
  const project = readSetting(BIGQUERY_SETTINGS.project, sources);
  if (project === undefined) {
    throw invalidOption('--bq-project', 'a Google Cloud project id (flag --bq-project, env PROPS_API_BQ_PROJECT or `bigquery.project` in props-api.config.json)', project);
  }
  const read = <K extends keyof typeof DEFAULT_BIGQUERY_OPTIONS>(key: K) => readSetting(BIGQUERY_SETTINGS[key], sources) ?? DEFAULT_BIGQUERY_OPTIONS[key];
  return {
    project: project as string,
    datasetProject: (readSetting(BIGQUERY_SETTINGS.datasetProject, sources) as string | undefined) ?? (project as string),
    location: read('location') as string,
    datasetPrefix: read('datasetPrefix') as string,
    maximumBytesBilled: read('maximumBytesBilled') as number,
    jobTimeoutMs: read('jobTimeoutMs') as number,
    maxRetries: read('maxRetries') as number,
    retryBaseDelayMs: read('retryBaseDelayMs') as number,
    pageSize: read('pageSize') as number,
  };
}

/** `--warehouse duckdb:PATH | duckdb | bigquery` (flag, env PROPS_API_WAREHOUSE, file `warehouse`) → the engine and its settings. */
export function resolveWarehouseConfig(flags: WarehouseFlags, env: Env, configFile: ConfigFile = {}): WarehouseConfig {
  const flag = flags.warehouse;
  const spec = (typeof flag === 'string' ? flag : undefined) ?? env.PROPS_API_WAREHOUSE ?? configFile.warehouse ?? 'duckdb';
  if (spec === 'bigquery') return { kind: 'bigquery', bigquery: resolveBigQueryOptions(flags, env, configFile) };
  if (spec === 'duckdb') return { kind: 'duckdb', path: undefined };
  if (spec.startsWith('duckdb:') && spec.length > 'duckdb:'.length) return { kind: 'duckdb', path: spec.slice('duckdb:'.length) };
  throw invalidOption('--warehouse', '`duckdb:PATH`, `duckdb` or `bigquery`', spec);
}

/** Parse and shape-check the config file's text. */
export function parseConfigFile(text: string, path: string = CONFIG_FILE_NAME): ConfigFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new ConfigError('InvalidConfigFile', `\`${path}\` is not valid JSON: ${(cause as Error).message}`, { hint: 'Fix the JSON syntax or delete the file.', cause });
  }
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  const shapeError = (detail: string) => new ConfigError('InvalidConfigFile', `\`${path}\` ${detail}`, { hint: 'See docs/bigquery.md for the expected shape.' });
  if (!isObject(parsed)) throw shapeError('must hold a JSON object');
  if (parsed.warehouse !== undefined && typeof parsed.warehouse !== 'string') throw shapeError('has a `warehouse` that is not a string');
  if (parsed.bigquery !== undefined && !isObject(parsed.bigquery)) throw shapeError('has a `bigquery` that is not an object');
  for (const key of Object.keys(parsed.bigquery ?? {})) {
    if (!(key in BIGQUERY_SETTINGS)) throw shapeError(`has an unknown key \`bigquery.${key}\` (known: ${Object.keys(BIGQUERY_SETTINGS).join(', ')})`);
  }
  return parsed as ConfigFile;
}

/** Read `props-api.config.json` (or `path`); `undefined` when the file does not exist. */
export async function loadConfigFile(path: string = CONFIG_FILE_NAME): Promise<ConfigFile | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError('InvalidConfigFile', `\`${path}\` cannot be read: ${(cause as Error).message}`, { cause });
  }
  return parseConfigFile(text, path);
}

export interface CreateWarehouseDeps {
  /** Opens the DuckDB warehouse (the lead's adapter); `undefined` path means the default sample warehouse. */
  duckdb: (path: string | undefined) => Promise<Warehouse>;
  /** Extra BigQuery adapter options: the build trigger for job labels, a logger, test client options. */
  bigquery?: Omit<BigQueryWarehouseOptions, keyof BigQueryOptions>;
}

/** Open the configured warehouse (the BigQuery client is loaded only when it is the one configured). */
export async function createWarehouseFromConfig(config: WarehouseConfig, deps: CreateWarehouseDeps): Promise<Warehouse> {
  if (config.kind === 'duckdb') return deps.duckdb(config.path);
  const { createBigQueryWarehouse } = await import('./adapters/bigquery-warehouse.ts');
  return createBigQueryWarehouse({ ...config.bigquery, ...deps.bigquery });
}
