/**
 * Bulk insertion through DuckDB appenders, one per table, fed column-wise in data chunks of
 * `CHUNK_ROWS` rows (about twice as fast as appending value by value).
 *
 * Rows arrive as typed objects (`Row<N>`) in generation order; the writer keeps that order, so the
 * same generation run always produces the same table contents. DATE strings are turned into
 * `Date`s here; every other JS value goes through node-api's JS converter unchanged.
 *
 * Rows of a table with a partition expiration (pipeline/warehouse-retention.ts) whose partition
 * date is older than the window on the as-of date are dropped here, as production has expired them.
 */
import { DOUBLE, DuckDBDataChunk, JSToDuckDBValueConverter } from '@duckdb/node-api';
import type { DuckDBAppender, DuckDBConnection, DuckDBType } from '@duckdb/node-api';
import { SeedError } from '../errors.ts';
import { PARTITION_EXPIRATIONS, oldestRetainedDate } from '../warehouse-retention.ts';
import { recordTableChanges } from './change-stamps.ts';
import { TABLE_NAMES, TABLES, columnTypes } from './ddl.ts';
import type { Row, TableName } from './ddl.ts';

/** DuckDB's standard vector size: a data chunk holds at most this many rows. */
const CHUNK_ROWS = 2048;

export interface WarehouseWriter {
  append<N extends TableName>(table: N, row: Row<N>): void;
  /**
   * Appends every buffered row, stamps each table appended to since the last checkpoint as changed
   * (change-stamps.ts) and checkpoints the database. Call between large batches: DuckDB keeps
   * appended data in memory until a checkpoint, so a ten-season seed would otherwise hold
   * gigabytes; and call it after the last `append`, before `close`, so every written table is stamped.
   */
  checkpoint(): Promise<void>;
  /** Appends every buffered row and closes the appenders; call once, after the last `checkpoint`. */
  close(): void;
  rowCounts(): Record<TableName, number>;
}

interface TableBuffer {
  name: TableName;
  appender: DuckDBAppender;
  columns: string[];
  duckTypes: DuckDBType[];
  isDate: boolean[];
  values: unknown[][];
  buffered: number;
  written: number;
  /** The partition column and the oldest date kept, for a table whose partitions expire. */
  retained?: { column: string; from: string };
}

export interface WarehouseWriterOptions {
  /** The sample clock's date: partition expiration is applied relative to it. */
  asOf: string;
}

export async function createWarehouseWriter(connection: DuckDBConnection, options: WarehouseWriterOptions): Promise<WarehouseWriter> {
  const buffers = new Map<TableName, TableBuffer>();
  for (const name of TABLE_NAMES) buffers.set(name, await openBuffer(connection, name));
  markRetention(buffers, options.asOf);
  const touched = new Set<TableName>();
  const dates = new Map<string, Date>();
  const toDate = (value: string): Date => {
    let date = dates.get(value);
    if (!date) dates.set(value, (date = new Date(`${value}T00:00:00Z`)));
    return date;
  };
  return {
    append(table, row) {
      const buffer = buffers.get(table) as TableBuffer;
      touched.add(table);
      const record = row as Record<string, unknown>;
      if (buffer.retained && (record[buffer.retained.column] as string) < buffer.retained.from) return;
      buffer.columns.forEach((column, i) => {
        const value = record[column] ?? null;
        (buffer.values[i] as unknown[]).push(buffer.isDate[i] && value !== null ? toDate(value as string) : value);
      });
      if (++buffer.buffered === CHUNK_ROWS) flushBuffer(buffer);
    },
    async checkpoint() {
      for (const buffer of buffers.values()) {
        flushBuffer(buffer);
        buffer.appender.flushSync();
      }
      await recordTableChanges(connection, [...touched]);
      touched.clear();
      await connection.run('CHECKPOINT');
    },
    close() {
      for (const buffer of buffers.values()) {
        flushBuffer(buffer);
        buffer.appender.flushSync();
        buffer.appender.closeSync();
      }
    },
    rowCounts() {
      return Object.fromEntries([...buffers.values()].map((b) => [b.name, b.written + b.buffered])) as Record<TableName, number>;
    },
  };
}

/** Gives the buffer of each table with a partition expiration its column and oldest kept date. */
function markRetention(buffers: Map<TableName, TableBuffer>, asOf: string): void {
  for (const rule of PARTITION_EXPIRATIONS) {
    const buffer = buffers.get(rule.table as TableName);
    if (!buffer?.columns.includes(rule.partitionColumn)) throw new SeedError('SeedFailed', `Internal error: the partition expiration of \`${rule.table}\` names a table or column the sample does not have`);
    buffer.retained = { column: rule.partitionColumn, from: oldestRetainedDate(rule, asOf) };
  }
}

async function openBuffer(connection: DuckDBConnection, name: TableName): Promise<TableBuffer> {
  const [schema, table] = name.split('.') as [string, string];
  const appender = await connection.createAppender(table, schema);
  const columns = Object.keys(TABLES[name]);
  const types = columnTypes(name);
  // DECIMAL columns travel as DOUBLE: the appender casts (rounding) natively, far faster than
  // building a DuckDBDecimalValue per value in JS.
  const duckTypes = columns.map((_, i) => (types[i]?.startsWith('DECIMAL') ? DOUBLE : appender.columnType(i)));
  const isDate = types.map((type) => type === 'DATE');
  return { name, appender, columns, duckTypes, isDate, values: columns.map(() => []), buffered: 0, written: 0 };
}

function flushBuffer(buffer: TableBuffer): void {
  if (buffer.buffered === 0) return;
  const chunk = DuckDBDataChunk.create(buffer.duckTypes, buffer.buffered);
  buffer.values.forEach((values, i) => {
    try {
      chunk.setColumnValuesConverted(i, values as never[], JSToDuckDBValueConverter);
    } catch (cause) {
      throw new SeedError('SeedFailed', `Internal error: a generated value of \`${buffer.name}.${buffer.columns[i]}\` cannot be stored`, { cause });
    }
  });
  buffer.appender.appendDataChunk(chunk);
  buffer.written += buffer.buffered;
  buffer.buffered = 0;
  buffer.values = buffer.columns.map(() => []);
}
