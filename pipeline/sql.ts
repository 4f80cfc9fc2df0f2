/**
 * The dialect layer: one SQL text for DuckDB and BigQuery.
 *
 * Exporters write queries with the `sql` tagged template. Interpolations are never raw
 * strings: they are typed named parameters (`param.date('as_of')`), table references
 * (`table('nba_predictions', 'prediction_accuracy')`) or dialect helpers (`dateSub`,
 * `safeDivide`, ...). `renderSql` turns the tree into text for one engine, in the manner of
 * dbt's cross-database macros: `$name` for DuckDB, `@name` for BigQuery. Raw `@name` must
 * never reach DuckDB, where it parses as `abs(name)` and silently returns wrong results.
 */
import type { Dialect, ParamType, SqlFunction, SqlParam, SqlPiece, SqlQuery, SqlTable } from './sql-pieces.ts';
export type * from './sql-pieces.ts';
export * from './sql-helpers.ts';

/** Where the warehouse tables live. DuckDB uses `<dataset>.<table>` schemas in the attached file. */
export interface TableLocation {
  /** BigQuery project id; ignored by DuckDB. */
  project?: string;
  /** Prefix added to every dataset name (e.g. `staging_`). */
  datasetPrefix?: string;
}

export interface RenderedSql {
  text: string;
  /** Named parameters in first-use order, with their types. */
  params: { name: string; type: ParamType }[];
  /** Tables read, as `dataset.table` without the location's prefix, sorted and each once. */
  tables: string[];
}

const PARAM_NAME = /^[a-z][a-z0-9_]*$/;

function makeParam(type: ParamType) {
  return (name: string): SqlParam => {
    if (!PARAM_NAME.test(name)) throw new TypeError(`Expected a parameter name matching ${PARAM_NAME}, got \`${name}\``);
    return { kind: 'param', name, type };
  };
}

/** Typed named parameters. */
export const param = {
  string: makeParam('STRING'),
  int: makeParam('INT64'),
  float: makeParam('FLOAT64'),
  bool: makeParam('BOOL'),
  date: makeParam('DATE'),
  timestamp: makeParam('TIMESTAMP'),
  stringArray: makeParam('ARRAY<STRING>'),
  dateArray: makeParam('ARRAY<DATE>'),
};

export function sql(strings: TemplateStringsArray, ...values: SqlPiece[]): SqlQuery {
  for (const value of values) {
    if (typeof value !== 'object' || value === null || !('kind' in value)) {
      throw new TypeError(`Internal error: sql\`\` interpolations must be params, tables or helpers, got \`${String(value)}\``);
    }
  }
  return { kind: 'query', strings: [...strings], values };
}

const IDENTIFIER = /^[a-z][a-z0-9_]*$/;

/** A warehouse table, e.g. `table('nba_predictions', 'prediction_accuracy')`. */
export function table(dataset: string, name: string): SqlTable {
  if (!IDENTIFIER.test(dataset) || !IDENTIFIER.test(name)) throw new TypeError(`Expected lower-case identifiers for a table, got \`${dataset}.${name}\``);
  return { kind: 'table', dataset, table: name };
}

function fn(render: SqlFunction['render']): SqlFunction {
  return { kind: 'function', render };
}

/** `date - n days`, as a DATE on both engines. `days` may be a number literal or a piece. */
export function dateSub(date: SqlPiece, days: number | SqlPiece): SqlFunction {
  return fn((dialect, r) => {
    const n = typeof days === 'number' ? String(Math.trunc(days)) : r(days);
    return dialect === 'bigquery' ? `DATE_SUB(${r(date)}, INTERVAL ${n} DAY)` : `(CAST(${r(date)} AS DATE) - CAST(${n} AS INTEGER))`;
  });
}

/** `date + n days`, as a DATE on both engines. */
export function dateAdd(date: SqlPiece, days: number | SqlPiece): SqlFunction {
  return fn((dialect, r) => {
    const n = typeof days === 'number' ? String(Math.trunc(days)) : r(days);
    return dialect === 'bigquery' ? `DATE_ADD(${r(date)}, INTERVAL ${n} DAY)` : `(CAST(${r(date)} AS DATE) + CAST(${n} AS INTEGER))`;
  });
}

/** Whole days from `start` to `end` (end − start). */
export function dateDiffDays(end: SqlPiece, start: SqlPiece): SqlFunction {
  return fn((dialect, r) => (dialect === 'bigquery' ? `DATE_DIFF(${r(end)}, ${r(start)}, DAY)` : `date_diff('day', ${r(start)}, ${r(end)})`));
}

/** Division that yields NULL for a zero or NULL denominator. */
export function safeDivide(numerator: SqlPiece, denominator: SqlPiece): SqlFunction {
  return fn((dialect, r) =>
    dialect === 'bigquery'
      ? `SAFE_DIVIDE(${r(numerator)}, ${r(denominator)})`
      : `(CASE WHEN (${r(denominator)}) = 0 THEN NULL ELSE CAST(${r(numerator)} AS DOUBLE) / (${r(denominator)}) END)`,
  );
}

/** Element `index` (0-based) of an array, NULL when out of range (BigQuery SAFE_OFFSET; DuckDB lists are 1-based). */
export function arrayAt(array: SqlPiece, index: number): SqlFunction {
  if (!Number.isInteger(index) || index < 0) throw new TypeError(`Expected \`index\` to be an integer ≥ 0, got \`${index}\` (${typeof index})`);
  return fn((dialect, r) => (dialect === 'bigquery' ? `${r(array)}[SAFE_OFFSET(${index})]` : `(${r(array)})[${index + 1}]`));
}

/** `expr IN (elements of an array parameter)`. */
export function inArray(expr: SqlPiece, array: SqlParam): SqlFunction {
  return fn((dialect, r) => (dialect === 'bigquery' ? `${r(expr)} IN UNNEST(${r(array)})` : `${r(expr)} IN (SELECT unnest(${r(array)}))`));
}

/** Day of week, 1 = Sunday … 7 = Saturday on both engines (DuckDB's own is 0-based). */
export function dayOfWeek(date: SqlPiece): SqlFunction {
  return fn((dialect, r) => (dialect === 'bigquery' ? `EXTRACT(DAYOFWEEK FROM ${r(date)})` : `(dayofweek(${r(date)}) + 1)`));
}

/** A literal string inside SQL, quoted for both engines. For constants only, never for user input. */
export function literal(value: string): SqlFunction {
  return fn(() => `'${value.replaceAll("'", "''")}'`);
}

const DUCKDB_CAST: Record<ParamType, string> = {
  STRING: 'VARCHAR', INT64: 'BIGINT', FLOAT64: 'DOUBLE', BOOL: 'BOOLEAN', DATE: 'DATE', TIMESTAMP: 'TIMESTAMPTZ',
  'ARRAY<STRING>': 'VARCHAR[]', 'ARRAY<DATE>': 'DATE[]',
};

/** Render a query for one engine. Each parameter name must keep one type across the query. */
export function renderSql(query: SqlQuery, dialect: Dialect, location: TableLocation = {}): RenderedSql {
  const params = new Map<string, ParamType>();
  const tables = new Set<string>();
  const renderPiece = (piece: SqlPiece): string => {
    switch (piece.kind) {
      case 'query':
        return piece.strings.reduce((text, part, i) => text + part + (i < piece.values.length ? renderPiece(piece.values[i]!) : ''), '');
      case 'param': {
        const known = params.get(piece.name);
        if (known && known !== piece.type) throw new TypeError(`Internal error: parameter \`${piece.name}\` is used as ${known} and as ${piece.type}`);
        params.set(piece.name, piece.type);
        return dialect === 'bigquery' ? `@${piece.name}` : `CAST($${piece.name} AS ${DUCKDB_CAST[piece.type]})`;
      }
      case 'table': {
        tables.add(`${piece.dataset}.${piece.table}`);
        const dataset = `${location.datasetPrefix ?? ''}${piece.dataset}`;
        if (dialect === 'duckdb') return `${dataset}.${piece.table}`;
        return location.project ? `\`${location.project}.${dataset}.${piece.table}\`` : `\`${dataset}.${piece.table}\``;
      }
      case 'function':
        return piece.render(dialect, renderPiece);
    }
  };
  const text = renderPiece(query);
  return { text, params: [...params].map(([name, type]) => ({ name, type })), tables: [...tables].sort() };
}

/** The tables a query reads (`dataset.table`), found by rendering it, so tables inside helpers count too. */
export function tablesOf(query: SqlQuery): string[] {
  return renderSql(query, 'duckdb').tables;
}

/** A DATE as `YYYYMMDD` text (for building date-based game ids such as `20250315_NYK_GSW`). */
export function dateCompact(date: SqlPiece): SqlFunction {
  return fn((dialect, r) => (dialect === 'bigquery' ? `FORMAT_DATE('%Y%m%d', ${r(date)})` : `strftime(${r(date)}, '%Y%m%d')`));
}

