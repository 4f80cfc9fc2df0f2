/**
 * The endpoint queries a build of one trigger runs, planned and bound exactly as the build plans
 * and binds them, for the production bench: recorded on the DuckDB sample (what the loopback
 * BigQuery server then answers with) and timed one at a time on BigQuery (each trigger's limit).
 */
import type { AnyExporter, Trigger } from '../define-exporter.ts';
import { createRenderContext } from '../build-context.ts';
import { resolveOptions } from '../config.ts';
import { systemClock, type Warehouse, type WarehouseRow } from '../ports.ts';
import { selectExporters } from '../select-exporters.ts';
import type { SqlQuery } from '../sql.ts';
import { hasWork, planJobs } from '../stages/plan.ts';

export interface PlannedQuery {
  /** The exporter id (the query's label). */
  label: string;
  sql: SqlQuery;
  params: Record<string, unknown>;
}

export interface PlanQueriesOptions {
  registry: readonly AnyExporter[];
  trigger: Trigger | 'all';
  /** The build's instant (ISO). */
  asOf: string;
}

/** One query per endpoint of the trigger that has work, in plan order. */
export function planQueries(warehouse: Pick<Warehouse, 'sample'>, options: PlanQueriesOptions): PlannedQuery[] {
  const ctx = createRenderContext(resolveOptions({ trigger: options.trigger, asOf: options.asOf }), warehouse, systemClock);
  const plan = planJobs(selectExporters(options.registry, options.trigger, undefined), ctx);
  return plan.endpoints.filter(hasWork).map(({ exporter, jobs }) => ({
    label: exporter.id, sql: exporter.query.sql, params: exporter.query.bind(ctx, jobs.map((job) => job.params)),
  }));
}

/** Every endpoint query of the trigger run on `warehouse`, one after another: rows by exporter id. */
export async function recordRows(warehouse: Warehouse, options: PlanQueriesOptions): Promise<Map<string, WarehouseRow[]>> {
  const recorded = new Map<string, WarehouseRow[]>();
  for (const query of planQueries(warehouse, options)) recorded.set(query.label, await warehouse.query(query.sql, { label: query.label, params: query.params }));
  return recorded;
}
