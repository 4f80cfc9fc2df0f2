/**
 * The warehouse's own description of its tables, compared with what the exporters read: pure
 * functions from `INFORMATION_SCHEMA.COLUMNS` and `TABLE_OPTIONS` rows to doctor lines.
 * - `bigquery.columns`: every table and column of `props-api sql --tables` exists with a
 *   compatible type (NUMERIC, BIGNUMERIC and FLOAT64 all read as numbers; a STRING(10) is a STRING).
 * - `bigquery.partitions`: a partition expiration the production DDL sets (pipeline/warehouse-retention.ts,
 *   which the sample follows and the docs describe) is reported as expected; any other, or a shorter
 *   one, warns naming the endpoints that read the table (pages for dates older than the window lose
 *   those rows); `require_partition_filter` fails
 *   naming each endpoint whose query scans the table without filtering its partition column.
 */
import type { AnyExporter } from '../define-exporter.ts';
import { maskSql } from '../sql-check.ts';
import { partitionFilterFindings } from '../sql-check-rules.ts';
import { renderSql, type TableLocation } from '../sql.ts';
import { PARTITION_EXPIRATIONS } from '../warehouse-retention.ts';
import type { WarehouseTable } from '../warehouse-tables.ts';
import { ok, problem, type CheckResult } from './check.ts';

export interface ColumnRow { table_name: string; column_name: string; data_type: string; is_partitioning_column?: string }
export interface OptionRow { table_name: string; option_name: string; option_value: string }

const NUMBERS = new Set(['NUMERIC', 'BIGNUMERIC', 'FLOAT64']);

/** `NUMERIC(5, 1)` → `NUMERIC`, `STRING(10)` → `STRING`; arrays and structs keep their element types. */
const baseType = (type: string) => type.replace(/\(\s*\d+(?:\s*,\s*\d+)?\s*\)/g, '').replace(/\s+/g, '').toUpperCase();

export function isCompatibleType(expected: string, actual: string): boolean {
  const found = baseType(actual);
  return found === expected || (NUMBERS.has(expected) && NUMBERS.has(found));
}

const name = (t: WarehouseTable) => `${t.dataset}.${t.table}`;
const readers = (t: WarehouseTable) => t.exporters.join(', ');
const DDL_HINT = 'Create or alter it as in the production DDL (spec/sources.md §1.3; docs/tables.md lists what the build reads), or check --bq-dataset-project and --bq-dataset-prefix';

/** `bigquery.columns` lines for one dataset's expected tables, given its COLUMNS rows. */
export function columnFindings(dataset: string, expected: readonly WarehouseTable[], rows: readonly ColumnRow[]): CheckResult[] {
  const results: CheckResult[] = [];
  for (const table of expected) {
    const columns = new Map(rows.filter((r) => r.table_name === table.table).map((r) => [r.column_name, r.data_type]));
    if (columns.size === 0) {
      results.push(problem('fail', 'bigquery.columns', 'WarehouseTableMissing', `${name(table)} does not exist (read by ${readers(table)})`, DDL_HINT));
      continue;
    }
    const missing = table.columns.filter((c) => !columns.has(c.name)).map((c) => c.name);
    const wrong = table.columns.filter((c) => columns.has(c.name) && !isCompatibleType(c.type, columns.get(c.name)!)).map((c) => `${c.name} is ${columns.get(c.name)}, expected ${c.type}`);
    if (missing.length > 0) results.push(problem('fail', 'bigquery.columns', 'WarehouseColumnMissing', `${name(table)} lacks ${missing.join(', ')} (read by ${readers(table)})`, DDL_HINT));
    if (wrong.length > 0) results.push(problem('fail', 'bigquery.columns', 'WarehouseColumnType', `${name(table)}: ${wrong.join('; ')} (read by ${readers(table)})`, DDL_HINT));
  }
  if (results.length > 0) return results;
  const count = expected.reduce((n, t) => n + t.columns.length, 0);
  return [ok('bigquery.columns', `${dataset}: ${expected.length} tables, ${count} columns present with compatible types`)];
}

export interface PartitionContext {
  registry: readonly AnyExporter[];
  location: TableLocation;
}

/** `bigquery.partitions` lines for one dataset's expected tables, given its TABLE_OPTIONS and COLUMNS rows. */
export function partitionFindings(expected: readonly WarehouseTable[], options: readonly OptionRow[], columns: readonly ColumnRow[], context: PartitionContext): CheckResult[] {
  const results: CheckResult[] = [];
  for (const table of expected) {
    const option = (key: string) => options.find((o) => o.table_name === table.table && o.option_name === key)?.option_value;
    const days = Number(option('partition_expiration_days') ?? 0);
    if (days > 0) results.push(expirationFinding(table, days));
    if (option('require_partition_filter')?.toLowerCase() === 'true') results.push(requiredFilterFinding(table, columns, context));
  }
  return results;
}

function expirationFinding(table: WarehouseTable, days: number): CheckResult {
  const expected = PARTITION_EXPIRATIONS.find((rule) => rule.table === name(table));
  if (expected !== undefined && days >= expected.days) {
    return ok('bigquery.partitions', `${name(table)} drops partitions older than ${days} days, as the production DDL does (the build and the sample expect ${expected.days})`);
  }
  const planned = expected === undefined ? '' : ` (the production DDL keeps ${expected.days})`;
  return problem('warn', 'bigquery.partitions', 'PartitionExpiration',
    `${name(table)} drops partitions older than ${days} days${planned}; endpoints reading it: ${readers(table)}`,
    `Their files for dates more than ${days} days back (backfills, season pages, game reports) lose these rows; remove or raise the expiration (ALTER TABLE … SET OPTIONS (partition_expiration_days = NULL)) if they must keep them`);
}

function requiredFilterFinding(table: WarehouseTable, columns: readonly ColumnRow[], context: PartitionContext): CheckResult {
  const column = columns.find((c) => c.table_name === table.table && c.is_partitioning_column === 'YES')?.column_name ?? '_PARTITIONTIME';
  const unfiltered = context.registry.filter((exporter) => table.exporters.includes(exporter.id)).filter((exporter) => {
    const text = renderSql(exporter.query.sql, 'bigquery', context.location).text;
    return partitionFilterFindings(maskSql(text), text, [{ table: table.table, column }]).length > 0;
  }).map((exporter) => exporter.id);
  if (unfiltered.length === 0) return ok('bigquery.partitions', `${name(table)} requires a partition filter on ${column}; its ${table.exporters.length} reader(s) filter it`);
  return problem('fail', 'bigquery.partitions', 'PartitionFilterMissing',
    `${name(table)} requires a partition filter on ${column}, which the queries of ${unfiltered.join(', ')} do not give (BigQuery refuses them)`,
    `Filter ${column} in the WHERE of the block that scans it (props-api sql --check), or drop require_partition_filter on the table`);
}
