/**
 * Which warehouses can estimate a query's cost (`build --dry-run`). Kept apart from the BigQuery
 * adapter so a build on DuckDB never loads the BigQuery client (issue 10: start-up and memory).
 */
import type { QueryOptions, Warehouse } from '../ports.ts';
import type { SqlQuery } from '../sql.ts';

export interface DryRunEstimate {
  /** Bytes the query would process (and bill, before the 10 MiB minimum). */
  estimatedBytes: number;
  maximumBytesBilled: number;
}

/** A warehouse that can dry-run a query (BigQuery). */
export interface DryRunWarehouse extends Warehouse {
  /** Validate the query and estimate its bytes without running it (a BigQuery dry run). */
  dryRun(query: SqlQuery, options: QueryOptions): Promise<DryRunEstimate>;
}

/** True for warehouses that can estimate a query's cost (`build --dry-run`). */
export function supportsDryRun(warehouse: Warehouse): warehouse is DryRunWarehouse {
  return typeof (warehouse as Partial<DryRunWarehouse>).dryRun === 'function';
}
