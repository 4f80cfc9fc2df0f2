/**
 * One corpus build through the real pipeline: an in-memory DuckDB warehouse with the case's
 * tables (test/helpers/case-warehouse.ts), the real query → render → validate → write stages, and
 * for live endpoints the real balldontlie HTTP adapter reading the case's feed bodies from the
 * loopback server (one attempt, no waits).
 */
import { createHttpLiveFeed } from '../../pipeline/adapters/http-live-feed.ts';
import { createMemoryLogger } from '../../pipeline/logger.ts';
import { runBuild, type BuildSummary } from '../../pipeline/run-build.ts';
import { startPagedFeedServer } from '../helpers/balldontlie-pages-server.ts';
import { createCaseWarehouse, type CaseTables } from '../helpers/case-warehouse.ts';
import type { LoadedCase } from './corpus-case.ts';
import { exporters } from '../../exporters/index.ts';

export interface CorpusBuild {
  outcome: BuildSummary | Error;
  /** Every log line the build wrote. */
  log: string[];
}

export async function buildCorpusCase(loaded: LoadedCase, input: { tables: CaseTables; feedBodies: string[] | undefined; outDir: string }): Promise<CorpusBuild> {
  const warehouse = await createCaseWarehouse(input.tables);
  const feedServer = await startPagedFeedServer();
  const logger = createMemoryLogger();
  try {
    feedServer.setRaw(input.feedBodies ?? [JSON.stringify({ data: [] })]);
    const liveFeed = createHttpLiveFeed({ baseUrl: feedServer.url, attempts: 1, sleep: async () => {}, logger });
    const { only, dates } = loaded.case;
    const outcome = await runBuild({ registry: exporters, only, dates, asOf: loaded.asOf, outDir: input.outDir, warehouseAdapter: warehouse, liveFeed, logger }).then(
      (summary) => summary,
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    );
    return { outcome, log: logger.lines };
  } finally {
    await feedServer.close();
    await warehouse.close();
  }
}
