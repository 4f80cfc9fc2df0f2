/**
 * The BigQuery checks of `props-api doctor`, through the real client with the build's settings:
 * - `bigquery.datasets`: each dataset the exporters read exists in the dataset project and lies in
 *   the location the jobs run in (datasets.get per dataset);
 * - `bigquery.columns` and `bigquery.partitions` (table-checks.ts): ONE query of
 *   `INFORMATION_SCHEMA.COLUMNS` and one of `INFORMATION_SCHEMA.TABLE_OPTIONS` per dataset, both
 *   restricted to the tables `props-api sql --tables` derives from the exporters' SQL.
 */
import { BigQuery, type BigQueryOptions as ClientOptions } from '@google-cloud/bigquery';
import type { AnyExporter } from '../define-exporter.ts';
import { statusOf } from '../publish/retry.ts';
import type { BigQueryOptions } from '../warehouse-settings.ts';
import type { WarehouseTable } from '../warehouse-tables.ts';
import { firstLine, ok, problem, type CheckResult } from './check.ts';
import { columnFindings, partitionFindings, type ColumnRow, type OptionRow } from './table-checks.ts';

export interface BigQueryCheckOptions {
  bigquery: BigQueryOptions;
  tables: readonly WarehouseTable[];
  registry: readonly AnyExporter[];
  /** Tests point the client at the loopback server. @default Application Default Credentials */
  clientOptions?: ClientOptions;
}

const ACCESS_HINT = 'Grant the identity roles/bigquery.jobUser on the jobs project and roles/bigquery.dataViewer on the datasets (docs/bigquery.md)';
const INFO_JOB_TIMEOUT_MS = 60_000;

export async function checkBigQuery(options: BigQueryCheckOptions): Promise<CheckResult[]> {
  const { bigquery } = options;
  const client = new BigQuery({ projectId: bigquery.project, location: bigquery.location, ...options.clientOptions, retryOptions: { autoRetry: false } });
  const byDataset = new Map<string, WarehouseTable[]>();
  for (const table of options.tables) byDataset.set(table.dataset, [...(byDataset.get(table.dataset) ?? []), table]);
  const results: CheckResult[] = [];
  const reachable: string[] = [];
  for (const dataset of byDataset.keys()) {
    const found = await checkDataset(client, bigquery, dataset);
    if (found) results.push(found);
    else reachable.push(dataset);
  }
  if (reachable.length === byDataset.size) {
    results.push(ok('bigquery.datasets', `jobs run in ${bigquery.project} (${bigquery.location}); ${reachable.map((d) => bigquery.datasetPrefix + d).join(', ')} in ${bigquery.datasetProject}, all in ${bigquery.location}`));
  }
  const location = { project: bigquery.datasetProject, datasetPrefix: bigquery.datasetPrefix };
  const partitions: CheckResult[] = [];
  for (const dataset of reachable) {
    const expected = byDataset.get(dataset)!;
    const tables = expected.map((t) => t.table);
    const view = (name: string) => `\`${bigquery.datasetProject}.${bigquery.datasetPrefix}${dataset}.INFORMATION_SCHEMA.${name}\``;
    const columns = await infoQuery<ColumnRow>(client, bigquery, `SELECT table_name, column_name, data_type, is_partitioning_column FROM ${view('COLUMNS')} WHERE table_name IN UNNEST(@tables)`, tables);
    results.push(...columnFindings(bigquery.datasetPrefix + dataset, expected, columns));
    const tableOptions = await infoQuery<OptionRow>(client, bigquery, `SELECT table_name, option_name, option_value FROM ${view('TABLE_OPTIONS')} WHERE table_name IN UNNEST(@tables) AND option_name IN ('partition_expiration_days', 'require_partition_filter')`, tables);
    partitions.push(...partitionFindings(expected, tableOptions, columns, { registry: options.registry, location }));
  }
  if (reachable.length > 0 && partitions.length === 0) partitions.push(ok('bigquery.partitions', 'no table the exporters read expires partitions or requires a partition filter'));
  return [...results, ...partitions];
}

/** Undefined when the dataset is there and in the jobs' location; else its `fail` line. */
async function checkDataset(client: BigQuery, bigquery: BigQueryOptions, dataset: string): Promise<CheckResult | undefined> {
  const id = `${bigquery.datasetProject}:${bigquery.datasetPrefix}${dataset}`;
  try {
    const [metadata] = await client.dataset(`${bigquery.datasetPrefix}${dataset}`, { projectId: bigquery.datasetProject }).getMetadata();
    const location = String((metadata as { location?: string }).location ?? '');
    if (location.toLowerCase() === bigquery.location.toLowerCase()) return undefined;
    return problem('fail', 'bigquery.datasets', 'DatasetLocationMismatch', `dataset ${id} is in ${location}, but jobs run in ${bigquery.location}`, `Set --bq-location (PROPS_API_BQ_LOCATION) to ${location}; a job reads only datasets of its own location`);
  } catch (error) {
    const status = statusOf(error);
    if (status === 404) return problem('fail', 'bigquery.datasets', 'WarehouseNotFound', `dataset ${id} does not exist`, 'Check --bq-dataset-project and --bq-dataset-prefix (docs/bigquery.md), or create the dataset');
    if (status === 401 || status === 403) return problem('fail', 'bigquery.datasets', 'WarehouseAccessDenied', `reading dataset ${id} was refused (HTTP ${status}): ${firstLine(error)}`, ACCESS_HINT);
    return problem('fail', 'bigquery.datasets', 'DoctorCheckFailed', `reading dataset ${id} failed: ${firstLine(error)}`, 'Check the network and BigQuery status, then run doctor again');
  }
}

async function infoQuery<Row>(client: BigQuery, bigquery: BigQueryOptions, query: string, tables: string[]): Promise<Row[]> {
  const [rows] = await client.query({
    query, params: { tables }, types: { tables: ['STRING'] }, location: bigquery.location, jobTimeoutMs: INFO_JOB_TIMEOUT_MS,
    maximumBytesBilled: String(bigquery.maximumBytesBilled), labels: { app: 'props-api', trigger: 'doctor' },
  });
  return rows as Row[];
}
