/**
 * `props-api build --dry-run` on BigQuery: plans, then asks BigQuery to dry-run each endpoint's
 * query and reports the bytes it would scan; no query job runs and nothing is written.
 */
import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { createMemoryLogger } from '../../../pipeline/logger.ts';
import { createFixedClock } from '../../../pipeline/ports.ts';
import { runBuild } from '../../../pipeline/run-build.ts';
import { test } from '../../helpers/bigquery-server/test-warehouse.ts';
import { exporters } from '../../../exporters/index.ts';

test('a dry run reports estimated bytes per endpoint query and writes nothing', async ({ server, connect }) => {
  server.setHandler(() => ({ schema: [], rows: [], totalBytesProcessed: 3 * 1024 ** 2 }));
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'bq-dry-'));
  const logger = createMemoryLogger();
  const summary = await runBuild({ registry: exporters, dryRun: true, only: ['results'], warehouseAdapter: connect(), logger, outDir, clock: createFixedClock('2025-03-15T16:00:00Z') });
  const estimates = logger.lines.filter((line) => line.includes('would scan'));
  expect(estimates).toHaveLength(summary.plan.endpoints.filter((e) => e.jobs.length > 0).length);
  expect(estimates[0]).toMatch(/results\.\S+\s+would scan 3\.0 MiB/);
  expect(await readdir(outDir)).toEqual([]);
});
