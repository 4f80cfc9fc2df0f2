/**
 * The table of BigQuery settings: for each option its flag, environment variable, config-file key
 * and parser. One row per setting keeps the three spellings and the validation in one place;
 * `warehouse-config.ts` resolves them and docs/bigquery.md lists them.
 */
import { invalidOption } from './errors.ts';
import type { BigQueryOptions, Env, WarehouseFlags } from './warehouse-config.ts';

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

function integerAtLeast(min: number, expected: string): Setting['parse'] {
  return (raw, source) => {
    const value = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : raw;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) throw invalidOption(source, expected, raw);
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
} as const satisfies Record<keyof BigQueryOptions, Setting>;

export interface SettingSources {
  flags: WarehouseFlags;
  env: Env;
  file: Partial<Record<keyof BigQueryOptions, SettingValue>>;
}

/** The setting's value from the first source that has one (flag, then env, then file), parsed; `undefined` if none. */
export function readSetting(setting: Setting, sources: SettingSources): SettingValue | undefined {
  const flag = sources.flags[setting.flag];
  if (typeof flag === 'string') return setting.parse(flag, `--${setting.flag}`);
  const env = sources.env[setting.env];
  if (env !== undefined && env !== '') return setting.parse(env, setting.env);
  const file = sources.file[setting.key];
  if (file !== undefined) return setting.parse(file, `bigquery.${setting.key} in props-api.config.json`);
  return undefined;
}
