/**
 * The warehouse settings: `warehouse` (`duckdb:PATH | duckdb | bigquery`) and the table of
 * BigQuery settings, each with its flag, environment variable, config-file key and parser. One row
 * per setting keeps the three spellings and the validation in one place; config.ts resolves them
 * (flags, environment, file, defaults) and docs/bigquery.md lists them.
 */
import { invalidOption } from './errors.ts';

/** The sample warehouse that `props-api seed` writes and a build reads by default. */
export const DEFAULT_SAMPLE_WAREHOUSE = '.cache/sample-warehouse.duckdb';

/** The settings of the BigQuery adapter (pipeline/adapters/bigquery-warehouse.ts). */
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
  /**
   * Endpoint queries in flight at once: each waits seconds on BigQuery, which runs up to
   * `MAX_BIGQUERY_QUERIES_IN_FLIGHT` interactive queries per project at once, so a build runs all
   * its endpoints together and takes about as long as its slowest query. Half the project's
   * limit by default, leaving room for a live tick or another build. @default 50
   */
  queriesInFlight: number;
}

/** BigQuery's limit of concurrent interactive queries per project (https://cloud.google.com/bigquery/quotas#query_jobs). */
export const MAX_BIGQUERY_QUERIES_IN_FLIGHT = 100;

export const DEFAULT_BIGQUERY_OPTIONS: Omit<BigQueryOptions, 'project' | 'datasetProject'> = {
  location: 'US',
  datasetPrefix: '',
  maximumBytesBilled: 10 * 1024 ** 3,
  jobTimeoutMs: 300_000,
  maxRetries: 4,
  retryBaseDelayMs: 1_000,
  pageSize: 10_000,
  queriesInFlight: 50,
};

type SettingValue = string | number;

export interface Setting {
  /** CLI flag without the dashes. */
  flag: string;
  env: string;
  /** Key under `bigquery` in props-api.config.json. */
  key: keyof BigQueryOptions;
  /** Validates a raw value; `source` names where it came from, for the error message. */
  parse(raw: SettingValue, source: string): SettingValue;
}

/** BigQuery bills every query at least 10 MiB, so a smaller cap would refuse every query. */
const MIN_BYTES_BILLED = 10 * 1024 ** 2;
const BYTE_UNITS: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, tib: 1024 ** 4 };

function matching(pattern: RegExp, expected: string): Setting['parse'] {
  return (raw, source) => {
    if (typeof raw !== 'string' || !pattern.test(raw)) throw invalidOption(source, expected, raw);
    return raw;
  };
}

function integerAtLeast(min: number, expected: string, max = Number.MAX_SAFE_INTEGER): Setting['parse'] {
  return (raw, source) => {
    const value = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : raw;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) throw invalidOption(source, expected, raw);
    return value;
  };
}

/** Bytes as an integer or with a unit: `10737418240`, `10GiB`, `500 GB`. */
function parseBytes(raw: SettingValue, source: string): number {
  const expected = `a byte count of at least 10 MiB, such as \`10GiB\` or \`${10 * 1024 ** 3}\` (units B, KB, MB, GB, TB, KiB, MiB, GiB, TiB)`;
  const match = typeof raw === 'string' ? /^(\d+(?:\.\d+)?)\s*([a-z]{1,3})?$/i.exec(raw.trim()) : null;
  const unit = match ? BYTE_UNITS[(match[2] ?? 'b').toLowerCase()] : 1;
  const value = match && unit !== undefined ? Math.round(Number(match[1]) * unit) : raw;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < MIN_BYTES_BILLED) throw invalidOption(source, expected, raw);
  return value;
}

const projectId = matching(/^(?:[a-z][a-z0-9.-]*:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/, 'a Google Cloud project id such as `nba-props-platform`');

export const BIGQUERY_SETTINGS = {
  project: { flag: 'bq-project', env: 'PROPS_API_BQ_PROJECT', key: 'project', parse: projectId },
  datasetProject: { flag: 'bq-dataset-project', env: 'PROPS_API_BQ_DATASET_PROJECT', key: 'datasetProject', parse: projectId },
  location: {
    flag: 'bq-location', env: 'PROPS_API_BQ_LOCATION', key: 'location',
    parse: matching(/^[A-Za-z]+(?:-[a-z]+\d*)?$/, 'a BigQuery location such as `US`, `EU` or `us-east1`'),
  },
  datasetPrefix: {
    flag: 'bq-dataset-prefix', env: 'PROPS_API_BQ_DATASET_PREFIX', key: 'datasetPrefix',
    parse: matching(/^[A-Za-z0-9_]*$/, 'letters, digits and underscores (a dataset name prefix such as `staging_`)'),
  },
  maximumBytesBilled: { flag: 'bq-max-bytes-billed', env: 'PROPS_API_BQ_MAX_BYTES_BILLED', key: 'maximumBytesBilled', parse: parseBytes },
  jobTimeoutMs: {
    flag: 'bq-timeout-ms', env: 'PROPS_API_BQ_TIMEOUT_MS', key: 'jobTimeoutMs',
    parse: integerAtLeast(1_000, 'an integer number of milliseconds ≥ 1000'),
  },
  maxRetries: { flag: 'bq-max-retries', env: 'PROPS_API_BQ_MAX_RETRIES', key: 'maxRetries', parse: integerAtLeast(0, 'an integer ≥ 0') },
  retryBaseDelayMs: {
    flag: 'bq-retry-delay-ms', env: 'PROPS_API_BQ_RETRY_DELAY_MS', key: 'retryBaseDelayMs',
    parse: integerAtLeast(1, 'an integer number of milliseconds ≥ 1'),
  },
  pageSize: { flag: 'bq-page-size', env: 'PROPS_API_BQ_PAGE_SIZE', key: 'pageSize', parse: integerAtLeast(1, 'an integer ≥ 1') },
  queriesInFlight: {
    flag: 'bq-queries-in-flight', env: 'PROPS_API_BQ_QUERIES_IN_FLIGHT', key: 'queriesInFlight',
    parse: integerAtLeast(1, `an integer from 1 to ${MAX_BIGQUERY_QUERIES_IN_FLIGHT} (BigQuery's concurrent query limit per project)`, MAX_BIGQUERY_QUERIES_IN_FLIGHT),
  },
} as const satisfies Record<keyof BigQueryOptions, Setting>;

/** One place settings come from: a value per setting (undefined when unset) and how an error names it. */
export interface SettingSource {
  value(setting: Setting): SettingValue | undefined;
  label(setting: Setting): string;
}

/**
 * Each BigQuery setting from the first source that sets it, parsed (only that value is read, so a
 * bad value a higher source overrides is never an error); settings no source sets are left out.
 */
export function bigQueryFromSources(sources: readonly SettingSource[]): Partial<BigQueryOptions> {
  const found: Partial<Record<keyof BigQueryOptions, SettingValue>> = {};
  for (const setting of Object.values(BIGQUERY_SETTINGS)) {
    const source = sources.find((s) => s.value(setting) !== undefined);
    if (source !== undefined) found[setting.key] = setting.parse(source.value(setting)!, source.label(setting));
  }
  return found as Partial<BigQueryOptions>;
}

/** The BigQuery settings merged from every source, with defaults; throws when no source names the project. */
export function completeBigQueryOptions(found: Partial<BigQueryOptions>): BigQueryOptions {
  if (found.project === undefined) {
    throw invalidOption('--bq-project', 'a Google Cloud project id (flag --bq-project, env PROPS_API_BQ_PROJECT or `bigquery.project` in props-api.config.json)', undefined);
  }
  return { ...DEFAULT_BIGQUERY_OPTIONS, datasetProject: found.project, ...found } as BigQueryOptions;
}

const WAREHOUSE_SPEC = /^(duckdb(:.+)?|bigquery)$/;

/** `duckdb:PATH`, `duckdb` (the sample warehouse) or `bigquery`, validated; `duckdb` becomes `duckdb:<sample path>`. */
export function parseWarehouse(raw: unknown, source: string): string {
  if (typeof raw !== 'string' || !WAREHOUSE_SPEC.test(raw)) throw invalidOption(source, '`duckdb:PATH`, `duckdb` or `bigquery`', raw);
  return raw === 'duckdb' ? `duckdb:${DEFAULT_SAMPLE_WAREHOUSE}` : raw;
}
