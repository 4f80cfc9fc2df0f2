/**
 * The warehouse floor: what DuckDB itself takes to run a full build's endpoint queries, with
 * nothing done to their results. The same plan and bound parameters as the build; each query is
 * streamed and its chunks drained (counted, never converted to rows), one after another on one
 * connection. A build cannot be faster than its queries, so the bench reports this next to the
 * write floor: it tells how much of build / write-floor is the engine's own time.
 */
import { exporters } from '../../exporters/index.ts';
import { createDuckDBWarehouse, renderForDuckDB } from '../adapters/duckdb-warehouse.ts';
import { createRenderContext } from '../build-context.ts';
import { resolveOptions } from '../config.ts';
import { systemClock } from '../ports.ts';
import { selectExporters } from '../select-exporters.ts';
import { hasWork, planJobs } from '../stages/plan.ts';
import { median } from './stats.ts';

export interface WarehouseFloor {
  /** The median of `runs` passes over every query. */
  seconds: number;
  queries: number;
  rows: number;
}

export async function measureWarehouseFloor(options: { warehousePath: string; runs?: number }): Promise<WarehouseFloor> {
  const warehouse = await createDuckDBWarehouse({ path: options.warehousePath });
  try {
    const ctx = createRenderContext(resolveOptions({ trigger: 'all' }), warehouse, systemClock);
    const plan = planJobs(selectExporters(exporters, 'all', undefined), ctx);
    const queries = plan.endpoints.filter(hasWork).map(({ exporter, jobs }) =>
      renderForDuckDB(exporter.query.sql, { label: exporter.id, params: exporter.query.bind(ctx, jobs.map((job) => job.params)) }));
    const times: number[] = [];
    let rows = 0;
    for (let run = 0; run < (options.runs ?? 3); run += 1) {
      rows = 0;
      const started = performance.now();
      for (const { text, values } of queries) {
        const result = await warehouse.connection.stream(text, values);
        for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) rows += chunk.rowCount;
      }
      times.push((performance.now() - started) / 1000);
    }
    return { seconds: median(times), queries: queries.length, rows };
  } finally {
    await warehouse.close();
  }
}
