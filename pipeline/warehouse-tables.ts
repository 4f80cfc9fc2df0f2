/**
 * The warehouse tables and columns the build reads (`props-api sql --tables`, `props-api doctor`,
 * docs/tables.md), derived from the exporters' SQL rather than kept by hand: each exporter's
 * query is rendered for DuckDB and bound (not run) against empty tables made from the sample
 * warehouse DDL, and the bound plan's table scans name every column the query references, the
 * ones a CTE selects and nothing downstream uses included (BigQuery would refuse the query if any
 * were missing). Parameters are bound as typed NULLs. The types are those of the sample DDL, given
 * as the BigQuery types of spec/sources.md §1.3 (VARCHAR → STRING, DECIMAL → NUMERIC, …).
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { AnyExporter } from './define-exporter.ts';
import { createTableStatements, TABLES, type TableName } from './sample-league/ddl.ts';
import type { TableSpec } from './sample-league/table-spec.ts';
import { maskSql } from './sql-check.ts';
import { renderSql } from './sql.ts';

export interface WarehouseColumn {
  name: string;
  /** BigQuery type the build expects, e.g. `STRING`, `NUMERIC`, `ARRAY<FLOAT64>`. */
  type: string;
}

export interface WarehouseTable {
  dataset: string;
  table: string;
  /** Columns some exporter reads, in DDL order. */
  columns: WarehouseColumn[];
  /** Ids of the exporters whose query reads the table, in registry order. */
  exporters: string[];
}

const BIGQUERY_TYPES: Record<string, string> = {
  VARCHAR: 'STRING', BIGINT: 'INT64', DOUBLE: 'FLOAT64', BOOLEAN: 'BOOL', DATE: 'DATE', TIMESTAMPTZ: 'TIMESTAMP', JSON: 'JSON',
};

/** The BigQuery type of a sample DDL column type (`DECIMAL(5,1) NOT NULL` → `NUMERIC`, `DOUBLE[]` → `ARRAY<FLOAT64>`). */
export function bigQueryTypeOf(duckdbType: string): string {
  const base = duckdbType.replace(/ NOT NULL$/, '');
  if (base.endsWith('[]')) return `ARRAY<${bigQueryTypeOf(base.slice(0, -2))}>`;
  if (base.startsWith('DECIMAL')) return 'NUMERIC';
  const type = BIGQUERY_TYPES[base];
  if (type === undefined) throw new Error(`Internal error: no BigQuery type for the sample DDL type \`${duckdbType}\``);
  return type;
}

interface PlanNode { type?: string; children?: PlanNode[]; names?: string[]; function_data?: { schema?: string; table?: string }; column_indexes?: { index: number }[]; [key: string]: unknown }

/** Every `LOGICAL_GET` of a base table in a serialised plan, with the names of the columns it reads. */
function tableScans(node: unknown, found: { table: string; columns: string[] }[] = []): { table: string; columns: string[] }[] {
  if (Array.isArray(node)) node.forEach((child) => tableScans(child, found));
  else if (node !== null && typeof node === 'object') {
    const plan = node as PlanNode;
    if (plan.type === 'LOGICAL_GET' && plan.function_data?.table && plan.names) {
      found.push({ table: `${plan.function_data.schema}.${plan.function_data.table}`, columns: (plan.column_indexes ?? []).map((c) => plan.names![c.index]).filter((c): c is string => c !== undefined) });
    }
    for (const value of Object.values(plan)) if (typeof value === 'object') tableScans(value, found);
  }
  return found;
}

/** The DuckDB rendering of a query with each `$name` parameter replaced by NULL (its CAST keeps the type). */
function withNullParams(exporter: AnyExporter): string {
  const text = renderSql(exporter.query.sql, 'duckdb').text;
  const masked = maskSql(text);
  let out = '';
  let last = 0;
  for (const m of masked.matchAll(/\$[a-z][a-z0-9_]*/g)) {
    out += `${text.slice(last, m.index)}NULL`;
    last = m.index + m[0].length;
  }
  return out + text.slice(last);
}

async function scansOf(connection: DuckDBConnection, exporter: AnyExporter): Promise<{ table: string; columns: string[] }[]> {
  // A literal, not a bound parameter: json_serialize_plan needs a VARCHAR at bind time.
  const text = withNullParams(exporter).replaceAll("'", "''");
  const reader = await connection.runAndReadAll(`SELECT json_serialize_plan('${text}', optimize := false)`);
  const plan = JSON.parse(String(reader.getRows()[0]?.[0])) as { error?: boolean; error_message?: string; plans?: unknown };
  if (plan.error) throw new Error(`Internal error: the query of ${exporter.id} does not bind against the sample DDL: ${plan.error_message}`);
  return tableScans(plan.plans);
}

/** The tables the exporters read, sorted by `dataset.table`, each with the columns read and its readers. */
export async function readWarehouseTables(registry: readonly AnyExporter[]): Promise<WarehouseTable[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    for (const statement of createTableStatements()) await connection.run(statement);
    const used = new Map<string, { columns: Set<string>; exporters: Set<string> }>();
    for (const exporter of registry) {
      for (const scan of await scansOf(connection, exporter)) {
        const entry = used.get(scan.table) ?? { columns: new Set(), exporters: new Set() };
        scan.columns.forEach((column) => entry.columns.add(column));
        entry.exporters.add(exporter.id);
        used.set(scan.table, entry);
      }
    }
    return [...used].sort(([a], [b]) => a.localeCompare(b)).map(([name, entry]) => {
      const spec = TABLES[name as TableName] as TableSpec;
      const [dataset, table] = name.split('.') as [string, string];
      const columns = Object.keys(spec).filter((column) => entry.columns.has(column)).map((column) => ({ name: column, type: bigQueryTypeOf(spec[column]!) }));
      return { dataset, table, columns, exporters: [...entry.exporters] };
    });
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** The list as plain text: one line per table, then its columns with types, then who reads it. */
export function formatWarehouseTables(tables: readonly WarehouseTable[]): string {
  return tables.map((t) => `${t.dataset}.${t.table}\n  columns: ${t.columns.map((c) => `${c.name} ${c.type}`).join(', ')}\n  read by: ${t.exporters.join(', ')}\n`).join('');
}

/** The list as a Markdown table, for docs/tables.md. */
export function warehouseTablesMarkdown(tables: readonly WarehouseTable[]): string {
  const rows = tables.map((t) => `| \`${t.dataset}.${t.table}\` | ${t.columns.map((c) => `\`${c.name}\` ${c.type}`).join(', ')} | ${t.exporters.map((id) => `\`${id}\``).join(', ')} |`);
  return ['| Table | Columns read (BigQuery type) | Read by |', '| --- | --- | --- |', ...rows].join('\n');
}
