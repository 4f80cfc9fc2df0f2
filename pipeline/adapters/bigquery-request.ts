/**
 * The BigQuery job request for one rendered query: typed named parameters (`@name` with an
 * explicit `types` entry each, so BigQuery never guesses a DATE as a STRING), job labels and the
 * per-query guards. Pure; the adapter sends the result with `createQueryJob`.
 */
import { BigQuery, type Query } from '@google-cloud/bigquery';
import { QueryError } from '../errors.ts';
import type { ParamType, RenderedSql } from '../sql.ts';

/** The `types` spelling of each parameter type (`['STRING']` is the client's ARRAY<STRING>). */
const CLIENT_TYPES: Record<ParamType, string | string[]> = {
  STRING: 'STRING', INT64: 'INT64', FLOAT64: 'FLOAT64', BOOL: 'BOOL', DATE: 'DATE', TIMESTAMP: 'TIMESTAMP',
  'ARRAY<STRING>': ['STRING'], 'ARRAY<DATE>': ['DATE'],
};

const LABEL_MAX_LENGTH = 63;

/**
 * A value valid under BigQuery's label rules: lower case, only `a-z 0-9 _ -`, at most 63
 * characters (`results.daily` → `results-daily`).
 */
export function sanitiseLabelValue(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').slice(0, LABEL_MAX_LENGTH);
}

export interface JobRequestOptions {
  /** Exporter id (becomes the `endpoint` label). */
  label: string;
  /** Build trigger (becomes the `trigger` label). */
  trigger?: string;
  location: string;
  maximumBytesBilled: number;
  jobTimeoutMs: number;
  dryRun?: boolean;
}

/** The `createQueryJob` request: SQL, typed parameters, labels, location and guards. */
export function buildJobRequest(rendered: RenderedSql, values: Record<string, unknown>, options: JobRequestOptions): Query {
  const params: Record<string, unknown> = {};
  const types: Record<string, string | string[]> = {};
  for (const { name, type } of rendered.params) {
    if (!(name in values)) {
      throw new QueryError('QueryFailed', `Internal error: no value bound for parameter \`${name}\` of the ${options.label} query`, { exporterId: options.label });
    }
    params[name] = toClientValue(values[name], type, { name, label: options.label });
    types[name] = CLIENT_TYPES[type];
  }
  const labels: Record<string, string> = { app: 'props-api', endpoint: sanitiseLabelValue(options.label) };
  if (options.trigger) labels.trigger = sanitiseLabelValue(options.trigger);
  return {
    query: rendered.text,
    useLegacySql: false,
    ...(rendered.params.length > 0 ? { params, types } : {}),
    location: options.location,
    labels,
    maximumBytesBilled: String(options.maximumBytesBilled),
    jobTimeoutMs: options.jobTimeoutMs,
    ...(options.dryRun ? { dryRun: true } : {}),
  };
}

/**
 * The client wants DATE and TIMESTAMP values wrapped (`BigQuery.date`), else it sends no value at
 * all for them; array elements likewise.
 */
function toClientValue(value: unknown, type: ParamType, where: { name: string; label: string }): unknown {
  if (value === null || value === undefined) {
    if (type.startsWith('ARRAY')) throw badParam(where, type, value, 'an array (BigQuery has no NULL array parameter)');
    return null;
  }
  switch (type) {
    case 'DATE':
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw badParam(where, type, value, 'a `YYYY-MM-DD` string');
      return BigQuery.date(value);
    case 'TIMESTAMP':
      if (!(value instanceof Date) && typeof value !== 'string') throw badParam(where, type, value, 'an ISO timestamp string or a Date');
      return BigQuery.timestamp(value);
    case 'INT64':
      if (!Number.isSafeInteger(value)) throw badParam(where, type, value, 'a safe integer');
      return value;
    case 'ARRAY<STRING>':
    case 'ARRAY<DATE>':
      if (!Array.isArray(value)) throw badParam(where, type, value, 'an array');
      return type === 'ARRAY<DATE>' ? value.map((item) => toClientValue(item, 'DATE', where)) : value.map(String);
    default:
      return value;
  }
}

function badParam(where: { name: string; label: string }, type: ParamType, value: unknown, expected: string): QueryError {
  const shown = value instanceof Date ? value.toISOString() : JSON.stringify(value);
  return new QueryError('QueryFailed', `Internal error: parameter \`${where.name}\` (${type}) of the ${where.label} query must be ${expected}, got \`${shown}\``, {
    exporterId: where.label,
  });
}
