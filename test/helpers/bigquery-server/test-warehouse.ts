/**
 * A `test.extend` fixture: a loopback BigQuery server per test and a factory for the real
 * BigQuery warehouse adapter pointed at it. Backoff sleeps are recorded, never waited.
 */
import { test as base } from 'vitest';
import { createBigQueryWarehouse, type BigQueryWarehouse, type BigQueryWarehouseOptions } from '../../../pipeline/adapters/bigquery-warehouse.ts';
import { startBigQueryServer, type BigQueryTestServer } from './index.ts';

export interface BigQueryFixture {
  server: BigQueryTestServer;
  /** The adapter on the loopback server; `sleeps` collects every backoff delay it asked for. */
  connect: (overrides?: Partial<BigQueryWarehouseOptions>) => BigQueryWarehouse;
  sleeps: number[];
  warnings: string[];
}

export const TEST_OPTIONS = {
  project: 'test-project',
  datasetProject: 'nba-props-platform',
  location: 'US',
  datasetPrefix: '',
  maximumBytesBilled: 1_000_000_000,
  jobTimeoutMs: 30_000,
  maxRetries: 3,
  retryBaseDelayMs: 100,
  pageSize: 1_000,
  trigger: 'daily',
} satisfies Partial<BigQueryWarehouseOptions>;

export const test = base.extend<BigQueryFixture>({
  server: async ({}, use) => {
    const server = await startBigQueryServer();
    await use(server);
    await server.close();
  },
  sleeps: async ({}, use) => use([]),
  warnings: async ({}, use) => use([]),
  connect: async ({ server, sleeps, warnings }, use) => {
    await use((overrides = {}) =>
      createBigQueryWarehouse({
        ...TEST_OPTIONS,
        clientOptions: server.clientOptions(),
        sleep: async (ms) => { sleeps.push(ms); },
        random: () => 0.5,
        logger: { warn: (message) => warnings.push(message) },
        ...overrides,
      }),
    );
  },
});
