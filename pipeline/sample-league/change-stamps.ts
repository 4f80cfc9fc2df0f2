/**
 * Change stamps of a DuckDB warehouse: `sample_meta.table_changes`, one row per table that the
 * sample writer (or any tool that writes the file) updates whenever it writes that table. DuckDB
 * keeps no per-table modification time, so this table is what an incremental build reads
 * (`Warehouse.tableStamps`) to tell which tables changed since the build that produced the live
 * files. A table without a row has no known stamp: endpoints reading it are always rebuilt.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export const CHANGE_STAMPS_TABLE = 'sample_meta.table_changes';

const CREATE_STATEMENTS = [
  'CREATE SCHEMA IF NOT EXISTS sample_meta',
  `CREATE TABLE IF NOT EXISTS ${CHANGE_STAMPS_TABLE} (table_name VARCHAR PRIMARY KEY, version BIGINT NOT NULL, changed_at TIMESTAMPTZ NOT NULL)`,
];

/**
 * Marks `tables` (`dataset.table`) as changed at `at`. The version counts writes, so two writes
 * within one clock tick still give two stamps.
 */
export async function recordTableChanges(connection: DuckDBConnection, tables: readonly string[], at: Date = new Date()): Promise<void> {
  if (tables.length === 0) return;
  for (const statement of CREATE_STATEMENTS) await connection.run(statement);
  for (const name of tables) {
    await connection.run(
      `INSERT INTO ${CHANGE_STAMPS_TABLE} VALUES ($name, 1, $at::TIMESTAMPTZ)
       ON CONFLICT (table_name) DO UPDATE SET version = ${CHANGE_STAMPS_TABLE}.version + 1, changed_at = excluded.changed_at`,
      { name, at: at.toISOString() },
    );
  }
}

/** The stamp of each listed table that has one: `<changed_at ISO>#<version>`. One query; none when the file keeps no stamps. */
export async function readTableChanges(connection: DuckDBConnection, tables: readonly string[]): Promise<Map<string, string>> {
  let rows;
  try {
    rows = (await connection.runAndReadAll(`SELECT table_name, epoch_ms(changed_at), version FROM ${CHANGE_STAMPS_TABLE}`)).getRows();
  } catch (error) {
    if (/does not exist/i.test((error as Error).message)) return new Map();
    throw error;
  }
  const wanted = new Set(tables);
  return new Map(rows.filter((row) => wanted.has(String(row[0]))).map((row) => [String(row[0]), `${new Date(Number(row[1])).toISOString()}#${String(row[2])}`]));
}
