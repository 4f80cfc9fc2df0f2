/**
 * The pieces a query is built of, and the dialects it renders for: the types shared by the base
 * layer (`sql.ts`, which re-exports them) and the helpers (`sql-helpers.ts`).
 */
export type Dialect = 'duckdb' | 'bigquery';

export type ParamType = 'STRING' | 'INT64' | 'FLOAT64' | 'BOOL' | 'DATE' | 'TIMESTAMP' | 'ARRAY<STRING>' | 'ARRAY<DATE>';

export interface SqlParam { readonly kind: 'param'; readonly name: string; readonly type: ParamType }
export interface SqlTable { readonly kind: 'table'; readonly dataset: string; readonly table: string }
export interface SqlFunction { readonly kind: 'function'; readonly render: (dialect: Dialect, renderPiece: (piece: SqlPiece) => string) => string }
export interface SqlQuery { readonly kind: 'query'; readonly strings: readonly string[]; readonly values: readonly SqlPiece[] }
export type SqlPiece = SqlParam | SqlTable | SqlFunction | SqlQuery;
