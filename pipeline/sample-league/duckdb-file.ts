/**
 * Opens a DuckDB file for one piece of work and always closes it again (connection, then
 * instance), so the file is released for the rename or for other readers.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';

export async function withDuckDBFile<T>(path: string, { readOnly }: { readOnly: boolean }, work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(path, readOnly ? { access_mode: 'READ_ONLY' } : {});
  const connection = await instance.connect();
  try {
    return await work(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
