/**
 * The embedded warehouse: DuckDB through `@duckdb/node-api`.
 *
 * Opens the file read-only (a build never modifies its warehouse), renders each query for
 * the `duckdb` dialect and converts values to the port's row contract (see ports.ts): DATE →
 * `YYYY-MM-DD`, TIMESTAMP → ISO UTC, BIGINT and DECIMAL → number.
 */
import { access } from 'node:fs/promises';
import PQueue from 'p-queue';
import { DuckDBInstance, listValue, type DuckDBConnection, type DuckDBResult, type DuckDBValue, type Json } from '@duckdb/node-api';
import { ConfigError, QueryError } from '../errors.ts';
import type { QueryOptions, SampleWarehouseInfo, Warehouse, WarehouseRow } from '../ports.ts';
import { renderSql, type SqlQuery } from '../sql.ts';
import { readTableChanges } from '../sample-league/change-stamps.ts';
import { ROW_CONVERTER } from './duckdb-values.ts';

export interface DuckDBWarehouseOptions {
  /** Path to the DuckDB file, or `:memory:`. */
  path: string;
  /** Open read-only (default true). Tests that create tables pass false. */
  readOnly?: boolean;
}

/** A query's DuckDB text and its bound values (string arrays as DuckDB lists). */
export function renderForDuckDB(query: SqlQuery, options: QueryOptions): { text: string; values: Record<string, DuckDBValue> } {
  const rendered = renderSql(query, 'duckdb');
  const values: Record<string, DuckDBValue> = {};
  for (const { name, type } of rendered.params) {
    if (!(name in options.params)) {
      throw new QueryError('QueryFailed', `Internal error: no value bound for parameter \`${name}\``, { exporterId: options.label });
    }
    const value = options.params[name];
    values[name] = type.startsWith('ARRAY') ? listValue((value as unknown[]).map((v) => String(v))) : (value as DuckDBValue);
  }
  return { text: rendered.text, values };
}

/**
 * Queries DuckDB runs at once on one instance (issue 10). DuckDB already spreads one query over
 * every core, so a second query at the same time buys no speed, only a second query's working
 * memory (hash tables, sorts, windows: 155–220 MB for the player queries at 5 seasons) held at once. Endpoints
 * still overlap: one renders and writes while the next one's query runs.
 */
const QUERIES_AT_ONCE = 1;

/** Instants are read and compared in UTC whatever the machine's zone. */
const SESSION_SETUP = "SET TimeZone = 'UTC'";

export async function createDuckDBWarehouse(options: DuckDBWarehouseOptions): Promise<Warehouse & { connection: DuckDBConnection }> {
  const readOnly = options.readOnly ?? true;
  if (options.path !== ':memory:') {
    try {
      await access(options.path);
    } catch (cause) {
      throw new ConfigError('WarehouseNotFound', `The DuckDB warehouse \`${options.path}\` does not exist`, {
        hint: 'Create the sample warehouse with `props-api seed` (or run `npm start`), or pass --warehouse duckdb:PATH.', cause,
      });
    }
  }
  const instance = await DuckDBInstance.create(options.path, readOnly && options.path !== ':memory:' ? { access_mode: 'READ_ONLY' } : {});
  const connection = await instance.connect();
  await connection.run(SESSION_SETUP);
  const sample = await readSampleInfo(connection);
  const gate = new PQueue({ concurrency: QUERIES_AT_ONCE });
  return {
    dialect: 'duckdb',
    description: `duckdb:${options.path}${sample ? ' (sample league)' : ''}`,
    connection,
    ...(sample ? { sample } : {}),
    query: (query: SqlQuery, queryOptions: QueryOptions): Promise<WarehouseRow[]> => gate.add(async () => {
      const { text, values } = renderForDuckDB(query, queryOptions);
      // Each query streams on a connection of its own (issue 10): a materialized result keeps the
      // whole result in native memory until V8 happens to collect its wrapper, and one connection
      // can stream only one result at a time while a build runs several endpoints at once.
      const own = await instance.connect();
      try {
        await own.run(SESSION_SETUP);
        return await readRows(await own.stream(text, values));
      } catch (cause) {
        throw new QueryError('QueryFailed', `The ${queryOptions.label} query failed on DuckDB: ${(cause as Error).message.split('\n')[0]}`, {
          exporterId: queryOptions.label, cause,
        });
      } finally {
        own.closeSync();
      }
    }),
    // One query of the change stamps the sample writer keeps (sample-league/change-stamps.ts).
    tableStamps: (tables) => gate.add(async () => ({ stamps: await readTableChanges(connection, tables), requests: 1 })),
    async close(): Promise<void> {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/**
 * The result's rows, built by one factory per result shape (see `rowFactory`), columns in
 * result order across every chunk.
 */
async function readRows(result: DuckDBResult): Promise<WarehouseRow[]> {
  const makeRow = rowFactory(result.columnNames());
  const rows: WarehouseRow[] = [];
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    const columns = chunk.convertColumns(ROW_CONVERTER);
    for (let index = 0; index < chunk.rowCount; index += 1) rows.push(makeRow(columns, index));
  }
  return rows;
}

type RowFactory = (columns: readonly (readonly (Json | null)[])[], index: number) => WarehouseRow;

/**
 * Rows of one result shape from an object literal with the column names as keys (compiled once
 * per query; the names are JSON-quoted into it). Issue 10: rows built column by column with
 * computed keys fall into V8's dictionary mode past a dozen properties (about 2 kB a row for 33
 * columns), and cloning a template then assigning was still 4× slower than a literal, which V8
 * builds with every property in the object. A duplicate name keeps its last column, as in JSON.
 * A `__proto__` column (which a literal would take for the prototype) uses the template path.
 */
function rowFactory(names: readonly string[]): RowFactory {
  if (!names.includes('__proto__')) {
    const fields = names.map((name, column) => `${JSON.stringify(name)}: columns[${column}][index]`);
    return new Function('columns', 'index', `return { ${fields.join(', ')} };`) as RowFactory;
  }
  const template = JSON.parse(JSON.stringify(Object.fromEntries(names.map((name) => [name, null])))) as WarehouseRow;
  return (columns, index) => {
    const row: Record<string, Json | null> = { ...template };
    for (let column = 0; column < names.length; column += 1) row[names[column]!] = columns[column]![index]!;
    return row as WarehouseRow;
  };
}

/** The sample league's metadata row, when this file was made by `props-api seed`. */
async function readSampleInfo(connection: DuckDBConnection): Promise<SampleWarehouseInfo | undefined> {
  const tables = await connection.runAndReadAll(
    "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'sample_meta' AND table_name = 'league'",
  );
  if (Number(tables.getRowObjectsJS()[0]?.n ?? 0) === 0) return undefined;
  const reader = await connection.runAndReadAll('SELECT seed, as_of_instant FROM sample_meta.league LIMIT 1');
  const row = reader.convertRowObjects(ROW_CONVERTER)[0] as { seed: number; as_of_instant: string } | undefined;
  return row ? { seed: Number(row.seed), asOfInstant: row.as_of_instant } : undefined;
}
