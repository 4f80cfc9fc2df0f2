/**
 * Table definitions of the sample warehouse, typed so that each generator module builds rows the
 * compiler checks against the DDL.
 *
 * A table is a record of column → DuckDB type (table-spec.ts; `' NOT NULL'` marks BigQuery's NN columns). Types
 * follow the "DuckDB" column of `spec/sources.md` §1.3; each table lives in a DuckDB schema named
 * after its BigQuery dataset. The column lists are in `ddl-*.ts`, one file per dataset group.
 */
import { ANALYTICS_TABLES } from './ddl-analytics.ts';
import { META_TABLES } from './ddl-meta.ts';
import { PREDICTION_TABLES } from './ddl-predictions.ts';
import { RAW_TABLES } from './ddl-raw.ts';
import type { ColumnType, TableSpec } from './table-spec.ts';

type BaseType<S> = S extends `${infer B} NOT NULL` ? B : S;
/** JS value per DuckDB type: DATE is `'YYYY-MM-DD'`, TIMESTAMPTZ a `Date`, JSON its text. */
type JsOf<T> = T extends 'VARCHAR' | 'JSON' | 'DATE' ? string
  : T extends 'BOOLEAN' ? boolean
  : T extends 'TIMESTAMPTZ' ? Date
  : T extends `${string}[]` ? number[]
  : number;
type NullOf<S> = S extends `${string} NOT NULL` ? never : null;

/** A row of a table: NOT NULL columns must have a value, the others may be `null`. */
export type RowOf<T extends TableSpec> = { -readonly [K in keyof T]: JsOf<BaseType<T[K]>> | NullOf<T[K]> };

/** Every table of the sample warehouse, keyed `<schema>.<table>`, in creation order. */
export const TABLES = { ...PREDICTION_TABLES, ...ANALYTICS_TABLES, ...RAW_TABLES, ...META_TABLES } as const;

export type Tables = typeof TABLES;
export type TableName = keyof Tables;
export type Row<N extends TableName> = RowOf<Tables[N]>;

export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** `CREATE SCHEMA` and `CREATE TABLE` statements for every table. */
export function createTableStatements(): string[] {
  const schemas = [...new Set(TABLE_NAMES.map((name) => name.split('.')[0]))];
  const statements = schemas.map((schema) => `CREATE SCHEMA IF NOT EXISTS ${schema}`);
  for (const name of TABLE_NAMES) {
    const columns = Object.entries(TABLES[name] as TableSpec).map(([column, spec]) => `  ${column} ${spec}`);
    statements.push(`CREATE TABLE ${name} (\n${columns.join(',\n')}\n)`);
  }
  return statements;
}

/** The bare column type (without `NOT NULL`) of every column of a table, in order. */
export function columnTypes(name: TableName): ColumnType[] {
  return Object.values(TABLES[name] as TableSpec).map((spec) => spec.replace(/ NOT NULL$/, '') as ColumnType);
}
