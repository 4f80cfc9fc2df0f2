/**
 * The loopback server's table metadata: answers the incremental build's stamp query (one
 * `INFORMATION_SCHEMA.PARTITIONS` query per dataset, see pipeline/adapters/bigquery-table-stamps.ts)
 * from a map the test keeps, and tells such metadata jobs from endpoint queries when counting.
 */
import type { QueryHandler, QueryResult, StoredJob } from './jobs.ts';

const PARTITIONS = /`[^`.]+\.([^`.]+)\.INFORMATION_SCHEMA\.PARTITIONS`/;

/** `BigQuery dataset.table` (with any dataset prefix) → last modified instant (ISO). */
export type TableModifiedTimes = Map<string, string>;

const isMetadataQuery = (sql: string): boolean => PARTITIONS.test(sql);

/** A handler that answers metadata queries from `times` and passes every other job to `inner()`. */
export function withTableMetadata(inner: () => QueryHandler, times: TableModifiedTimes): QueryHandler {
  return (request) => {
    const dataset = PARTITIONS.exec(request.sql)?.[1];
    if (dataset === undefined) return inner()(request);
    const wanted = (request.params.tables?.value ?? []) as string[];
    const rows = wanted.filter((table) => times.has(`${dataset}.${table}`)).map((table) => ({ table_name: table, changed_at: times.get(`${dataset}.${table}`)! }));
    const result: QueryResult = { schema: [{ name: 'table_name', type: 'STRING' }, { name: 'changed_at', type: 'TIMESTAMP' }], rows };
    return result;
  };
}

/** Jobs run (dry runs excluded): metadata queries, and endpoint queries (every other job). */
export function countJobs(jobs: Iterable<StoredJob>): { metadata: number; queries: number } {
  const all = [...jobs];
  const metadata = all.filter((job) => isMetadataQuery(job.request.sql)).length;
  return { metadata, queries: all.length - metadata };
}
