/**
 * The shape of a sample-warehouse table definition: a record of column → DuckDB type, where
 * `' NOT NULL'` marks BigQuery's NN columns. The `ddl-*.ts` files declare tables of this shape and
 * `ddl.ts` gathers them.
 */
type ScalarType = 'VARCHAR' | 'BIGINT' | 'DOUBLE' | 'BOOLEAN' | 'DATE' | 'TIMESTAMPTZ' | 'JSON' | `DECIMAL(${number},${number})`;
export type ColumnType = ScalarType | 'DOUBLE[]' | 'BIGINT[]';
export type ColumnSpec = ColumnType | `${ColumnType} NOT NULL`;
export type TableSpec = Readonly<Record<string, ColumnSpec>>;
