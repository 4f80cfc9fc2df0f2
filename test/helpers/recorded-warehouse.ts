/**
 * Replaying real query results through the loopback BigQuery server.
 *
 * `recordingWarehouse` wraps a warehouse (the DuckDB sample league) and keeps every query's rows
 * by exporter label; `replayHandler` answers a BigQuery job with the rows recorded for the job's
 * `endpoint` label, with a schema inferred from the values (STRING, FLOAT64, BOOL, REPEATED,
 * RECORD), so the real `@google-cloud/bigquery` client and the BigQuery adapter decode them back
 * to exactly the rows DuckDB gave. A build on BigQuery then has an independent expected output:
 * the DuckDB build of the same rows.
 */
import { sanitiseLabelValue } from '../../pipeline/adapters/bigquery-request.ts';
import type { Warehouse, WarehouseRow, WarehouseValue } from '../../pipeline/ports.ts';
import type { BenchBigQueryServer } from '../../pipeline/bench/production-run.ts';
import type { BigQueryTestServer, FieldSchema, QueryHandler } from './bigquery-server/index.ts';

export interface RecordingWarehouse {
  /** The wrapped warehouse minus its sample-league marker (so both engines build the same payloads). */
  warehouse: Warehouse;
  recorded: Map<string, WarehouseRow[]>;
}

export function recordingWarehouse(inner: Warehouse): RecordingWarehouse {
  const recorded = new Map<string, WarehouseRow[]>();
  return {
    recorded,
    warehouse: {
      dialect: inner.dialect,
      description: inner.description,
      async query(query, options) {
        const rows = await inner.query(query, options);
        recorded.set(options.label, rows);
        return rows;
      },
      close: () => inner.close(),
    },
  };
}

/**
 * Answers each job with the rows recorded under its endpoint label; with `narrowBy`, only those
 * whose column of that name equals the job's parameter of that name (the schema is inferred from
 * all of the label's rows, so every job of a label gets the same one). An unknown label fails the job.
 */
export function replayHandler(recorded: ReadonlyMap<string, readonly WarehouseRow[]>, narrowBy?: string): QueryHandler {
  const byLabel = new Map([...recorded].map(([label, rows]) => [sanitiseLabelValue(label), { rows, schema: inferSchema(rows) }]));
  return (request) => {
    const found = byLabel.get(request.labels.endpoint ?? '');
    if (!found) throw new Error(`no recorded rows for endpoint label ${request.labels.endpoint}`);
    const wanted = narrowBy === undefined ? undefined : request.params[narrowBy]?.value;
    return { schema: found.schema, rows: narrowBy === undefined ? [...found.rows] : found.rows.filter((row) => row[narrowBy] === wanted) };
  };
}

/** An in-process loopback server as the production bench drives it (pipeline/bench/production-bench.ts); tests use it. */
export function benchBigQueryServer(server: BigQueryTestServer): BenchBigQueryServer {
  return {
    clientOptions: () => server.clientOptions(),
    replay: async (recorded, narrowBy) => server.setHandler(replayHandler(recorded, narrowBy)),
    setTableStamps: async (stamps) => server.setTableStamps(stamps),
  };
}

export function inferSchema(rows: readonly Record<string, WarehouseValue>[]): FieldSchema[] {
  const columns = new Map<string, WarehouseValue[]>();
  for (const row of rows) for (const [name, value] of Object.entries(row)) (columns.get(name) ?? columns.set(name, []).get(name)!).push(value);
  return [...columns].map(([name, values]) => fieldFor(name, values));
}

function fieldFor(name: string, values: readonly WarehouseValue[]): FieldSchema {
  const present = values.filter((v) => v !== null);
  if (present.some(Array.isArray)) {
    const items = present.flatMap((v) => (Array.isArray(v) ? v : []));
    return { ...fieldFor(name, items), mode: 'REPEATED' };
  }
  const sample = present[0];
  if (sample !== undefined && typeof sample === 'object') {
    const structs = present as Record<string, WarehouseValue>[];
    return { name, type: 'RECORD', mode: 'NULLABLE', fields: inferSchema(structs) };
  }
  const type = typeof sample === 'number' ? 'FLOAT64' : typeof sample === 'boolean' ? 'BOOL' : 'STRING';
  return { name, type, mode: 'NULLABLE' };
}
