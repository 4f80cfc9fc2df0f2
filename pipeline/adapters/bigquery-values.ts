/**
 * BigQuery result pages → the port's row contract (pipeline/ports.ts), decoded in one pass from
 * the REST wire format: a TableRow is `{ f: [{ v }] }` in schema order, every scalar a string,
 * NULL as `null`, REPEATED as `[{ v }]`, RECORD as a nested `{ f }`. The job's schema (sent with
 * every page) is compiled once into one decoder per column. The values are the ones the DuckDB
 * adapter gives:
 * - DATE, DATETIME, TIME, STRING, JSON, GEOGRAPHY, INTERVAL, BYTES (base64) → the string as sent;
 * - TIMESTAMP (int64 microseconds: the adapter asks for `formatOptions.useInt64Timestamp`) → ISO
 *   UTC with `Z`, milliseconds only when non-zero (`isoInstant`, as DuckDB), sub-ms digits dropped;
 * - INT64 → number, failing with `UnsafeInteger` beyond ±2^53; NUMERIC/BIGNUMERIC → the nearest
 *   number; FLOAT64 → number, `NaN` and `±Infinity` included (the row contract refuses them);
 * - BOOL → boolean; arrays and structs recursively.
 * A cell that is not what its schema type says fails with `BadWarehouseRow`, naming the endpoint,
 * the row and the column.
 */
import { QueryError } from '../errors.ts';
import type { WarehouseRow, WarehouseValue } from '../ports.ts';
import { isoInstant } from '../time.ts';

/** A TableFieldSchema as BigQuery sends it (legacy type names such as INTEGER and RECORD included). */
export interface WireField {
  name: string;
  type: string;
  mode?: string;
  fields?: readonly WireField[];
}

/** A TableRow: one cell per schema field, in schema order. */
export interface WireRow {
  f: readonly { v: unknown }[];
}

/** Decodes the rows of one result; `rowIndex` is the row's zero-based index in the whole result. */
export type RowDecoder = (row: WireRow, rowIndex: number) => WarehouseRow;

type CellDecoder = (value: unknown) => WarehouseValue;

/** A cell that does not match its type; `path` grows as it unwinds through structs and arrays. */
class BadCell extends Error {
  readonly value: unknown;
  readonly expected: string;
  readonly path: string;
  readonly unsafeInteger: boolean;
  constructor(value: unknown, expected: string, path = '', unsafeInteger = false) {
    super(expected);
    this.value = value;
    this.expected = expected;
    this.path = path;
    this.unsafeInteger = unsafeInteger;
  }
}

const INTEGER = /^-?\d+$/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const FLOAT = /^(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|NaN|[+-]?Infinity)$/;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

const asString: CellDecoder = (v) => (typeof v === 'string' || v === null ? v : badCell(v, 'a string'));

const asBoolean: CellDecoder = (v) => {
  if (v === 'true') return true;
  if (v === 'false') return false;
  return v === null ? null : badCell(v, '`true` or `false`');
};

const asNumber = (pattern: RegExp, expected: string): CellDecoder => (v) => {
  if (typeof v === 'string' && pattern.test(v)) return Number(v);
  return v === null ? null : badCell(v, expected);
};

/** INT64: the exact integer, or `UnsafeInteger` (thrown by the row decoder, which knows the row). */
const asInteger: CellDecoder = (v) => {
  if (typeof v !== 'string' || !INTEGER.test(v)) return v === null ? null : badCell(v, 'an integer');
  const n = Number(v);
  if (Number.isSafeInteger(n)) return n;
  throw new BadCell(v, 'a safe integer', '', true);
};

/** TIMESTAMP as int64 microseconds since the epoch → ISO UTC, floored to the millisecond. */
const asTimestamp: CellDecoder = (v) => {
  if (typeof v !== 'string' || !INTEGER.test(v)) return v === null ? null : badCell(v, 'int64 microseconds since the epoch');
  const date = new Date(floorMillis(v));
  return Number.isNaN(date.getTime()) ? badCell(v, 'a timestamp within the representable range') : isoInstant(date);
};

function floorMillis(micros: string): number {
  const n = Number(micros);
  if (Number.isSafeInteger(n)) {
    const rest = n % 1000;
    return (n - rest) / 1000 - (rest < 0 ? 1 : 0);
  }
  const big = BigInt(micros);
  const whole = big / 1000n;
  const floored = big < 0n && whole * 1000n !== big ? whole - 1n : whole;
  return floored > MAX_SAFE || floored < -MAX_SAFE ? Number.NaN : Number(floored);
}

const SCALARS: Record<string, CellDecoder> = {
  STRING: asString, DATE: asString, DATETIME: asString, TIME: asString, JSON: asString, GEOGRAPHY: asString, INTERVAL: asString, BYTES: asString,
  BOOL: asBoolean, BOOLEAN: asBoolean,
  INT64: asInteger, INTEGER: asInteger,
  FLOAT64: asNumber(FLOAT, 'a floating-point number'), FLOAT: asNumber(FLOAT, 'a floating-point number'),
  NUMERIC: asNumber(DECIMAL, 'a decimal number'), BIGNUMERIC: asNumber(DECIMAL, 'a decimal number'),
  TIMESTAMP: asTimestamp,
};

function badCell(value: unknown, expected: string): never {
  throw new BadCell(value, expected);
}

/** Re-throw a nested cell's failure with this level's part of the column path in front. */
function within(error: unknown, part: string): never {
  if (error instanceof BadCell) throw new BadCell(error.value, error.expected, part + error.path, error.unsafeInteger);
  throw error;
}

function fieldDecoder(field: WireField): CellDecoder {
  const item = field.type === 'RECORD' || field.type === 'STRUCT' ? structDecoder(field.fields ?? []) : (SCALARS[field.type] ?? unsupported(field.type));
  if (field.mode !== 'REPEATED') return item;
  return (v) => {
    if (v === null) return null;
    if (!Array.isArray(v)) return badCell(v, 'an array of `{ v }` cells');
    const out: WarehouseValue[] = new Array(v.length);
    for (let i = 0; i < v.length; i += 1) {
      try {
        out[i] = item((v[i] as { v: unknown }).v);
      } catch (error) {
        within(error, `[${i}]`);
      }
    }
    return out;
  };
}

function unsupported(type: string): CellDecoder {
  return (v) => (v === null ? null : badCell(v, `a value of a type this build reads (BigQuery type ${type} is not supported)`));
}

function structDecoder(fields: readonly WireField[]): CellDecoder {
  const decode = cellsDecoder(fields);
  return (v) => {
    if (v === null) return null;
    if (typeof v !== 'object' || !Array.isArray((v as WireRow).f)) return badCell(v, 'a `{ f }` record');
    return decode(v as WireRow);
  };
}

/** The object of one `{ f }` (a row or a struct), one decoder per field in schema order. */
function cellsDecoder(fields: readonly WireField[]): (row: WireRow) => { [key: string]: WarehouseValue } {
  const names = fields.map((field) => field.name);
  const decoders = fields.map(fieldDecoder);
  return (row) => {
    const cells = row.f;
    if (!Array.isArray(cells) || cells.length !== names.length) {
      throw new BadCell(row, `${names.length} cells (one per schema field), got ${Array.isArray(cells) ? cells.length : 'no `f` list'}`);
    }
    const out: { [key: string]: WarehouseValue } = {};
    let i = 0;
    try {
      for (; i < names.length; i += 1) out[names[i]!] = decoders[i]!(cells[i]!.v);
    } catch (error) {
      within(error, `.${names[i]}`);
    }
    return out;
  };
}

/** The decoder of every row of a result with this schema (`label`, the exporter id, names it in errors). */
export function rowDecoder(fields: readonly WireField[], label: string): RowDecoder {
  const decode = cellsDecoder(fields);
  return (row, rowIndex) => {
    try {
      return decode(row);
    } catch (error) {
      if (error instanceof BadCell) throw cellError(error, label, rowIndex);
      throw error;
    }
  };
}

function cellError({ value, expected, path, unsafeInteger }: BadCell, label: string, rowIndex: number): QueryError {
  const column = path.replace(/^\./, '');
  if (unsafeInteger) {
    return new QueryError('UnsafeInteger', `The ${label} query returned ${String(value)} in row ${rowIndex}, column \`${column}\`, outside JavaScript's safe integer range`, {
      exporterId: label,
      hint: 'Cast the column to STRING in the query if it is an identifier, or to FLOAT64 if approximate values are acceptable.',
    });
  }
  const where = column === '' ? `row ${rowIndex}` : `row ${rowIndex}, column \`${column}\``;
  return new QueryError('BadWarehouseRow', `The ${label} query's result from BigQuery has ${shown(value)} in ${where}, where its schema calls for ${expected}`, {
    exporterId: label,
    hint: 'The result page does not match the schema sent with it: check for a proxy or emulator between the build and BigQuery; rerun the build.',
  });
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
