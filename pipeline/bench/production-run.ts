/**
 * What the production bench's sections share (production-bench.ts runs them): the triggers, the
 * settings and servers, the run they read and fill, and the shapes they return. Kept apart from the
 * sections and the runner so that neither imports the other.
 */
import type { BigQueryOptions as ClientOptions } from '@google-cloud/bigquery';
import type { Options } from '../config.ts';
import type { Trigger } from '../define-exporter.ts';
import type { LiveFeed, Logger, Warehouse, WarehouseRow } from '../ports.ts';
import type { SqlQuery } from '../sql.ts';
import type { BigQueryOptions } from '../warehouse-settings.ts';

/** The triggers a production bench builds, `all` first (its tree is what the first publish sends). */
export const PRODUCTION_TRIGGERS = ['all', 'daily', 'tonight', 'hourly', 'weekly', 'live'] as const satisfies readonly (Trigger | 'all')[];
export type ProductionTrigger = (typeof PRODUCTION_TRIGGERS)[number];

/**
 * The loopback BigQuery server as the bench drives it: in its own process for the bench, so its
 * encoding of result pages (BigQuery's own work) takes no CPU from the build it serves
 * (test/helpers/bigquery-server/server-process.ts), or in-process for tests.
 */
export interface BenchBigQueryServer {
  clientOptions(): ClientOptions;
  /**
   * From when it resolves, answer each job with the rows recorded under its endpoint label; with
   * `narrowBy`, only the rows whose column of that name equals the job's parameter of that name.
   */
  replay(recorded: ReadonlyMap<string, readonly WarehouseRow[]>, narrowBy?: string): Promise<void>;
  /** From when it resolves, answer the table-stamp query with these last-modified instants (`dataset.table` → ISO instant). */
  setTableStamps(stamps: ReadonlyMap<string, string>): Promise<void>;
}

export interface ProductionSettings {
  /** The latencies the servers were started with (stated in the results). */
  queryLatencyMs: number;
  pageLatencyMs: number;
  storageLatencyMs: number;
  ticks: number;
  tickStepMs: number;
  /** The triggers to build, in order. @default PRODUCTION_TRIGGERS (tests pass fewer; the first publish then sends the first one's tree) */
  triggers?: readonly ProductionTrigger[];
  /** The N+1 baseline's endpoint, the trigger that builds it and its fan-out column. @default BASELINE (per-player-baseline.ts) */
  baseline?: BaselineEndpoint;
}

/**
 * The loopback GCS server of the production section. `npm run bench` runs it in its own process
 * (serving requests is Cloud Storage's CPU, not the publisher's), so it is asked, not read.
 */
export interface BenchStorageServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  createBucket(name: string): Promise<void>;
  /** Requests it has served so far. */
  requestCount(): Promise<number>;
}

export interface ProductionDeps {
  bigquery: BenchBigQueryServer;
  /** A loopback GCS server with the storage latency; the bench creates its bucket. */
  storage: BenchStorageServer;
  logger: Logger;
}

/** What the sections share. */
export interface ProductionRun {
  settings: ProductionSettings;
  deps: ProductionDeps;
  /** The DuckDB sample: the rows the BigQuery server answers with, and the live feed. */
  sample: Warehouse;
  feed: LiveFeed;
  asOf: string;
  runDir: string;
  bucket: string;
  /** Options of a BigQuery build (the bench project; every other setting resolved as a build resolves it). */
  options: Options & { bigquery: BigQueryOptions };
  /** The BigQuery adapter on the loopback server, with the trigger's job label. */
  openBigQuery(trigger: Trigger | 'all'): Warehouse;
  /** Filled by the builds section. */
  builds: Partial<Record<ProductionTrigger, ProductionBuild & { treeDir: string; recorded: Map<string, WarehouseRow[]> }>>;
}

export const PRODUCTION_PROJECT = 'props-api-bench';

/** Wall seconds of `work`, and its value. */
export async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { seconds: (performance.now() - started) / 1000, value };
}

export interface ProductionBuild {
  /** The build on BigQuery, opening the adapter to the last file written. */
  wall_s: number;
  /** slowest_query_s + local_s: the time the build needs at the least (issue 20's limit). */
  limit_s: number;
  /** wall_s / limit_s */
  ratio: number;
  /** Endpoint queries the build ran. */
  queries: number;
  /** Its slowest endpoint query run alone on the same server. */
  slowest_query_s: number;
  /** The same trigger built on the local DuckDB sample. */
  local_s: number;
}

/** An endpoint to query once per value of its fan-out column, and its query narrowed to one value (a parameter named as the column). */
export interface BaselineEndpoint {
  endpoint: string;
  trigger: ProductionTrigger;
  column: string;
  narrow: (query: SqlQuery) => SqlQuery;
}
