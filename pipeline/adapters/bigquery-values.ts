/**
 * BigQuery values → the port's row contract (pipeline/ports.ts), the same JS representation the
 * DuckDB adapter gives:
 * - DATE → `'YYYY-MM-DD'`; TIMESTAMP → ISO UTC with `Z`, milliseconds only when non-zero (`isoInstant`, as DuckDB);
 *   DATETIME and TIME → their canonical strings;
 * - INT64 → number, failing with `UnsafeInteger` beyond ±2^53 (the client is asked to wrap
 *   integers so none is silently rounded); NUMERIC/BIGNUMERIC → number; FLOAT64 as is;
 * - arrays and structs recursively; BYTES → base64; JSON stays a string (as on DuckDB).
 */
import { isoInstant } from '../time.ts';
import { BigQueryDate, BigQueryDatetime, BigQueryInt, BigQueryTime, BigQueryTimestamp, Geography } from '@google-cloud/bigquery';
import { QueryError } from '../errors.ts';
import type { WarehouseRow, WarehouseValue } from '../ports.ts';

export interface NormaliseContext {
  /** Exporter id, for errors. */
  label: string;
  /** Zero-based index of the row in the whole result, for errors. */
  rowIndex: number;
}

export function normaliseRow(row: Record<string, unknown>, context: NormaliseContext): WarehouseRow {
  const out: WarehouseRow = {};
  for (const [column, value] of Object.entries(row)) out[column] = normaliseValue(value, column, context);
  return out;
}

function normaliseValue(value: unknown, path: string, context: NormaliseContext): WarehouseValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((item, i) => normaliseValue(item, `${path}[${i}]`, context));
  if (value instanceof BigQueryInt) return safeInteger(value.value, path, context);
  if (value instanceof BigQueryDate || value instanceof BigQueryDatetime || value instanceof BigQueryTime || value instanceof Geography) {
    return String(value.value);
  }
  if (value instanceof BigQueryTimestamp) return isoInstant(new Date(value.value));
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (isBig(value)) return Number(value.toString());
  if (Object.getPrototypeOf(value) === Object.prototype) {
    const struct: Record<string, WarehouseValue> = {};
    for (const [field, item] of Object.entries(value)) struct[field] = normaliseValue(item, `${path}.${field}`, context);
    return struct;
  }
  throw new QueryError('BadWarehouseRow', `Internal error: the ${context.label} query returned an unsupported BigQuery value in row ${context.rowIndex}, column \`${path}\``, {
    exporterId: context.label,
  });
}

function safeInteger(text: string, path: string, context: NormaliseContext): number {
  const value = Number(text);
  if (Number.isSafeInteger(value)) return value;
  throw new QueryError('UnsafeInteger', `The ${context.label} query returned ${text} in row ${context.rowIndex}, column \`${path}\`, outside JavaScript's safe integer range`, {
    exporterId: context.label,
    hint: 'Cast the column to STRING in the query if it is an identifier, or to FLOAT64 if approximate values are acceptable.',
  });
}

/**
 * NUMERIC and BIGNUMERIC arrive as big.js instances; big.js is the client's dependency, not
 * ours, so it is recognised by shape instead of `instanceof`.
 */
function isBig(value: object): value is { toString(): string } {
  return value.constructor?.name === 'Big' && 'c' in value && 'e' in value && 's' in value;
}
