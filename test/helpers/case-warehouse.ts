/**
 * An in-memory DuckDB warehouse with the sample league's DDL, filled from a golden case's rows.
 * Columns a case leaves out are NULL, except NOT NULL ones, which get a neutral default so a
 * case lists only the columns its exporter reads.
 */
import { createDuckDBWarehouse } from '../../pipeline/adapters/duckdb-warehouse.ts';
import { TABLES, createTableStatements, type TableName } from '../../pipeline/sample-league/ddl.ts';

export type CaseTables = Partial<Record<TableName, Record<string, unknown>[]>>;

const DEFAULTS: Record<string, unknown> = { is_active: true, prediction_version: 1, feature_version: 'v1_baseline_25' };

function defaultFor(column: string, spec: string): unknown {
  if (column in DEFAULTS) return DEFAULTS[column];
  if (spec.startsWith('VARCHAR') || spec.startsWith('JSON')) return 'fixture';
  if (spec.startsWith('DATE')) return '2000-01-01';
  if (spec.startsWith('TIMESTAMPTZ')) return '2000-01-01T00:00:00Z';
  if (spec.startsWith('BOOLEAN')) return false;
  if (spec.includes('[]')) return [];
  return 0;
}

function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return Number.isNaN(value) ? "'NaN'::DOUBLE" : !Number.isFinite(value) ? `'${value > 0 ? '' : '-'}Infinity'::DOUBLE` : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (Array.isArray(value)) return `[${value.map(sqlLiteral).join(', ')}]`;
  if (value instanceof Date) return `'${value.toISOString()}'`;
  return `'${String(value).replaceAll("'", "''")}'`;
}

export async function createCaseWarehouse(tables: CaseTables) {
  const warehouse = await createDuckDBWarehouse({ path: ':memory:', readOnly: false });
  for (const statement of createTableStatements()) await warehouse.connection.run(statement);
  for (const [name, rows] of Object.entries(tables) as [TableName, Record<string, unknown>[]][]) {
    const spec = TABLES[name] as Record<string, string>;
    const columns = Object.keys(spec);
    const tuples = rows.map((row) => {
      const unknown = Object.keys(row).filter((c) => !(c in spec));
      if (unknown.length > 0) throw new Error(`case row for ${name} has unknown column(s) ${unknown.join(', ')}`);
      const values = columns.map((c) => (c in row ? row[c] : spec[c]!.endsWith('NOT NULL') ? defaultFor(c, spec[c]!) : null));
      return `(${values.map(sqlLiteral).join(', ')})`;
    });
    // One statement a table: DuckDB casts each VALUES item to its target column, as a one-row insert does.
    if (tuples.length > 0) await warehouse.connection.run(`INSERT INTO ${name} (${columns.join(', ')}) VALUES ${tuples.join(',\n')}`);
  }
  return warehouse;
}
