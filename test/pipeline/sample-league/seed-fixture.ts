/**
 * Seeds sample warehouses into temporary directories for the sample-league tests (or opens the
 * run's shared default one) and runs read-only queries against them (BIGINT and DECIMAL as numbers, DATE and TIMESTAMP as `Date`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { seedSampleWarehouse } from '../../../pipeline/sample-league/index.ts';
import type { SeedOptions, SeedSummary } from '../../../pipeline/sample-league/index.ts';
import { FAULT_SAMPLE } from '../../helpers/fault-sample.ts';
import { defaultSample, sharedSample } from '../../helpers/shared-sample.ts';

export interface SeededWarehouse {
  summary: SeedSummary;
  dir: string;
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  close(): Promise<void>;
}

export async function seedTemp(options: Omit<SeedOptions, 'dbPath'> = {}): Promise<SeededWarehouse> {
  const dir = await mkdtemp(join(tmpdir(), 'sample-league-'));
  const summary = await seedSampleWarehouse({ ...options, dbPath: join(dir, 'sample.duckdb') });
  return openSeeded(summary, () => rm(dir, { recursive: true, force: true }));
}

/** The run's shared default sample league (test/helpers/shared-sample.ts), read-only; closing leaves it in place. */
export async function openDefaultSample(): Promise<SeededWarehouse> {
  return openSeeded(await defaultSample(), async () => {});
}

/** The run's shared small league of the fault suite (test/helpers/fault-sample.ts), read-only; closing leaves it in place. */
export async function openFaultSampleLeague(): Promise<SeededWarehouse> {
  return openSeeded(await sharedSample('fault', FAULT_SAMPLE), async () => {});
}

async function openSeeded(summary: SeedSummary, remove: () => Promise<void>): Promise<SeededWarehouse> {
  const instance = await DuckDBInstance.create(summary.dbPath, { access_mode: 'READ_ONLY' });
  const connection: DuckDBConnection = await instance.connect();
  return {
    summary, dir: dirname(summary.dbPath),
    async query<T>(sql: string): Promise<T[]> {
      const reader = await connection.runAndReadAll(sql);
      return reader.getRowObjectsJS().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]))) as T[];
    },
    async close() {
      connection.closeSync();
      instance.closeSync();
      await remove();
    },
  };
}
