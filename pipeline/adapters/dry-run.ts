/**
 * Which warehouses can estimate a query's cost (`build --dry-run`). Kept apart from the BigQuery
 * adapter so a build on DuckDB never loads the BigQuery client (issue 10: start-up and memory).
 */
import type { Warehouse } from '../ports.ts';
import type { BigQueryWarehouse } from './bigquery-warehouse.ts';

/** True for warehouses that can estimate a query's cost (`build --dry-run`). */
export function supportsDryRun(warehouse: Warehouse): warehouse is BigQueryWarehouse {
  return typeof (warehouse as Partial<BigQueryWarehouse>).dryRun === 'function';
}
