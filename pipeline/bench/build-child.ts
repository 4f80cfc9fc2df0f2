/**
 * Child process of `measureBuild` (run with tsx's loader, argv[2] = a JSON `BuildChildRequest`):
 * one build on its own warehouse connection, then one IPC message with the numbers and this
 * process's peak RSS. Not imported by anything: it runs when executed.
 */
import { createDuckDBWarehouse } from '../adapters/duckdb-warehouse.ts';
import { formatErrorChain } from '../errors.ts';
import type { Warehouse } from '../ports.ts';
import { runBuild } from '../run-build.ts';
import { endpointEntries } from '../manifest.ts';
import { startUsageMeter } from './build-usage.ts';
import type { BuildChildReply, BuildChildRequest } from './measure-build.ts';
import { exporters } from '../../exporters/index.ts';

async function buildOnce(request: BuildChildRequest): Promise<BuildChildReply> {
  const started = performance.now();
  const meter = startUsageMeter();
  const opened = await createDuckDBWarehouse({ path: request.warehousePath });
  const queryLabels: string[] = [];
  const warehouse: Warehouse = {
    ...opened,
    query: (query, options) => {
      queryLabels.push(options.label);
      return opened.query(query, options);
    },
  };
  let summary;
  try {
    summary = await runBuild({
      registry: exporters,
      trigger: request.trigger, outDir: request.outDir, warehouse: `duckdb:${request.warehousePath}`, warehouseAdapter: warehouse, ...(request.asOf ? { asOf: request.asOf } : {}),
    });
  } finally {
    await opened.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const usage = meter.stop();
  const { build } = summary.manifest!;
  const endpoints = endpointEntries(summary.manifest!);
  return {
    ok: true, seconds, treeDir: summary.treeDir!, files: build.file_count, bytes: build.total_bytes, manifestQueries: build.query_count,
    endpointIds: endpoints.map((e) => e.exporter), queryLabels, maxRssKb: process.resourceUsage().maxRSS, usage,
  };
}

let reply: BuildChildReply;
try {
  reply = await buildOnce(JSON.parse(process.argv[2] ?? '{}') as BuildChildRequest);
} catch (error) {
  reply = { ok: false, message: formatErrorChain(error) };
}
process.send?.(reply, () => process.disconnect());
