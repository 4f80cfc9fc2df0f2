/**
 * More dialect helpers (issue 7): the constructs of spec/sources.md §1.6 whose spelling differs
 * between BigQuery and DuckDB and that the base layer in `sql.ts` does not cover. Re-exported by
 * `sql.ts`, so exporters import everything from there. Each helper renders for both engines;
 * test/pipeline/sql.test.ts runs every DuckDB rendering on a real in-memory DuckDB.
 */
import type { SqlFunction, SqlPiece } from './sql-pieces.ts';

const IDENTIFIER = /^[a-z][a-z0-9_]*$/;

function fn(render: SqlFunction['render']): SqlFunction {
  return { kind: 'function', render };
}
/** Rows for which `condition` is TRUE (0 when none; NULL counts as false). BigQuery COUNTIF; DuckDB's count_if gives NULL on no rows. */
export function countIf(condition: SqlPiece): SqlFunction {
  return fn((dialect, r) => (dialect === 'bigquery' ? `COUNTIF(${r(condition)})` : `count(*) FILTER (WHERE (${r(condition)}))`));
}

/** A struct with named fields, in the given order: BigQuery `STRUCT(x AS a)`, DuckDB `struct_pack(a := x)`. */
export function struct(fields: Readonly<Record<string, SqlPiece>>): SqlFunction {
  const entries = Object.entries(fields);
  if (entries.length === 0) throw new TypeError('Expected `fields` to name at least one struct field, got `{}` (object)');
  for (const [name] of entries) {
    if (!IDENTIFIER.test(name)) throw new TypeError(`Expected struct field names matching ${IDENTIFIER}, got \`${name}\``);
  }
  return fn((dialect, r) =>
    dialect === 'bigquery'
      ? `STRUCT(${entries.map(([name, value]) => `${r(value)} AS ${name}`).join(', ')})`
      : `struct_pack(${entries.map(([name, value]) => `${name} := ${r(value)}`).join(', ')})`,
  );
}

export interface ArrayAggOptions {
  /** Order of the elements, e.g. sql`game_date DESC`. @default unspecified (engine order) */
  orderBy?: SqlPiece;
  /** Keep only the first `limit` elements (after ordering). @default no limit */
  limit?: number;
}

/**
 * Aggregate values into an array, NULL elements dropped on both engines (BigQuery refuses NULL
 * elements; DuckDB keeps them). A group with no non-NULL value gives NULL on both.
 */
export function arrayAgg(expr: SqlPiece, options: ArrayAggOptions = {}): SqlFunction {
  const { orderBy, limit } = options;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new TypeError(`Expected \`limit\` to be an integer ≥ 1, got \`${limit}\` (${typeof limit})`);
  return fn((dialect, r) => {
    const order = orderBy ? ` ORDER BY ${r(orderBy)}` : '';
    if (dialect === 'bigquery') return `ARRAY_AGG(${r(expr)} IGNORE NULLS${order}${limit ? ` LIMIT ${limit}` : ''})`;
    const list = `list(${r(expr)}${order}) FILTER (WHERE (${r(expr)}) IS NOT NULL)`;
    return limit ? `(${list})[1:${limit}]` : list;
  });
}

/** Elements `start` (0-based, inclusive) to `end` (exclusive), like `Array.prototype.slice` with non-negative bounds. */
export function arraySlice(array: SqlPiece, start: number, end?: number): SqlFunction {
  if (!Number.isInteger(start) || start < 0) throw new TypeError(`Expected \`start\` to be an integer ≥ 0, got \`${start}\` (${typeof start})`);
  if (end !== undefined && (!Number.isInteger(end) || end < start)) throw new TypeError(`Expected \`end\` to be an integer ≥ start (${start}), got \`${end}\` (${typeof end})`);
  return fn((dialect, r) => {
    if (dialect === 'duckdb') return `(${r(array)})[${start + 1}:${end ?? ''}]`;
    const upper = end === undefined ? '' : ` AND slice_offset < ${end}`;
    return `ARRAY(SELECT slice_element FROM UNNEST(${r(array)}) AS slice_element WITH OFFSET AS slice_offset WHERE slice_offset >= ${start}${upper} ORDER BY slice_offset)`;
  });
}

/** Target types of `safeCast`. */
export type SafeCastType = 'STRING' | 'INT64' | 'FLOAT64' | 'BOOL' | 'DATE';

const DUCKDB_SAFE_CAST: Record<SafeCastType, string> = { STRING: 'VARCHAR', INT64: 'BIGINT', FLOAT64: 'DOUBLE', BOOL: 'BOOLEAN', DATE: 'DATE' };

/**
 * Cast that yields NULL instead of failing: BigQuery SAFE_CAST, DuckDB TRY_CAST. One known
 * difference: a decimal string such as '1.5' → INT64 is NULL on BigQuery and rounds on DuckDB;
 * cast through FLOAT64 when the input may carry decimals.
 */
export function safeCast(expr: SqlPiece, type: SafeCastType): SqlFunction {
  return fn((dialect, r) => (dialect === 'bigquery' ? `SAFE_CAST(${r(expr)} AS ${type})` : `TRY_CAST(${r(expr)} AS ${DUCKDB_SAFE_CAST[type]})`));
}

const DATE_FORMAT = /^(?:%[AaBbdmYy%]|[^%'\\])*$/;

/**
 * A DATE formatted with strftime specifiers both engines spell alike: `%A` (Saturday), `%a`
 * (Sat), `%B` (March), `%b` (Mar), `%d`, `%m`, `%Y`, `%y`. English names on both.
 */
export function formatDate(date: SqlPiece, format: string): SqlFunction {
  if (!DATE_FORMAT.test(format)) throw new TypeError(`Expected \`format\` to use only %A %a %B %b %d %m %Y %y and plain characters, got \`${format}\``);
  return fn((dialect, r) => (dialect === 'bigquery' ? `FORMAT_DATE('${format}', ${r(date)})` : `strftime(CAST(${r(date)} AS DATE), '${format}')`));
}
