/**
 * When BigQuery tables last changed, for incremental builds: one query per dataset of
 * `INFORMATION_SCHEMA.PARTITIONS`, the newest `last_modified_time` over each table's partitions
 * (an unpartitioned table has one partition). Views have no partitions, so a view is absent from
 * the answer and an endpoint reading one is always rebuilt. Rows still in the streaming buffer
 * are not reflected in `last_modified_time`: a source written by streaming inserts should be read
 * with `--full` builds (docs/operations.md, "Incremental builds").
 */
import type { QueryOptions, TableStamps, WarehouseRow } from '../ports.ts';
import { param, sql, type SqlFunction, type SqlQuery } from '../sql.ts';

/** Job label of the metadata queries (endpoint queries carry their exporter id). */
export const TABLE_STAMPS_LABEL = 'table-stamps';

export interface StampLocation {
  datasetProject: string;
  datasetPrefix: string;
}

/** The metadata query of one dataset; `@tables` lists the table names wanted. */
export function tableStampsQuery(dataset: string, location: StampLocation): SqlQuery {
  const partitions: SqlFunction = { kind: 'function', render: () => `\`${location.datasetProject}.${location.datasetPrefix}${dataset}.INFORMATION_SCHEMA.PARTITIONS\`` };
  return sql`SELECT table_name, MAX(last_modified_time) AS changed_at
FROM ${partitions}
WHERE table_name IN UNNEST(${param.stringArray('tables')})
GROUP BY table_name`;
}

type RunQuery = (query: SqlQuery, options: QueryOptions) => Promise<WarehouseRow[]>;

/** Stamps of `tables` (`dataset.table`): one query per distinct dataset, run through `run`. */
export async function readBigQueryTableStamps(run: RunQuery, tables: readonly string[], location: StampLocation): Promise<TableStamps> {
  const byDataset = new Map<string, string[]>();
  for (const name of tables) {
    const [dataset, table] = name.split('.') as [string, string];
    const names = byDataset.get(dataset);
    if (names) names.push(table);
    else byDataset.set(dataset, [table]);
  }
  const stamps = new Map<string, string>();
  await Promise.all([...byDataset].map(async ([dataset, names]) => {
    const rows = await run(tableStampsQuery(dataset, location), { label: TABLE_STAMPS_LABEL, params: { tables: names } });
    for (const row of rows) if (row.changed_at !== null) stamps.set(`${dataset}.${String(row.table_name)}`, String(row.changed_at));
  }));
  return { stamps, requests: byDataset.size };
}
