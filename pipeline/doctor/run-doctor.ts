/**
 * `props-api doctor`: every check an operator needs before the first scheduled run, in order:
 * credentials, the warehouse (a DuckDB file exists; for BigQuery, datasets, tables, columns,
 * partition options), the bucket, the live feed. Checks that need credentials report one `fail`
 * line each when there are none, rather than waiting on the same refusal from every API. Each
 * group runs under a time limit, so the doctor always ends, and never throws.
 */
import { access } from 'node:fs/promises';
import type { BigQueryOptions as ClientOptions } from '@google-cloud/bigquery';
import type { Storage } from '@google-cloud/storage';
import type { AnyExporter } from '../define-exporter.ts';
import type { BigQueryOptions } from '../warehouse-settings.ts';
import { readWarehouseTables } from '../warehouse-tables.ts';
import { CHECK_TIMEOUT_MS, failureOf, ok, problem, runChecks, type CheckResult } from './check.ts';
import { checkBigQuery } from './bigquery-checks.ts';
import { checkBucket } from './bucket-checks.ts';
import { checkCredentials, CREDENTIALS_HINT, type GoogleAuthLike } from './credentials-check.ts';
import { checkFeed, type FeedCheckOptions } from './feed-check.ts';

/** The warehouse as resolved from flags, environment and config file, or why it could not be. */
export type DoctorWarehouse = { kind: 'duckdb'; path: string } | { kind: 'bigquery'; bigquery: BigQueryOptions } | { kind: 'invalid'; error: unknown };

export interface DoctorOptions {
  registry: readonly AnyExporter[];
  warehouse: DoctorWarehouse;
  /** `gs://NAME[/PREFIX]` split; undefined skips the bucket checks. */
  bucket?: { name: string; prefix: string; origins?: readonly string[] };
  /** Set for `--feed http`. */
  feed?: FeedCheckOptions;
}

export interface DoctorDeps {
  /** The credentials the Google clients use (Application Default Credentials). */
  auth: GoogleAuthLike;
  storage: Storage;
  /** Tests point BigQuery at the loopback server. */
  bigqueryClientOptions?: ClientOptions;
  /** @default CHECK_TIMEOUT_MS */
  timeoutMs?: number;
}

const NETWORK_HINT = 'Check the network and the service status, then run doctor again';

export async function runDoctor(options: DoctorOptions, deps: DoctorDeps): Promise<CheckResult[]> {
  const timeoutMs = deps.timeoutMs ?? CHECK_TIMEOUT_MS;
  const google = options.warehouse.kind === 'bigquery' || options.bucket !== undefined;
  const results: CheckResult[] = [];
  let credentialsOk = false;
  if (google) {
    const [credentials] = await runChecks('credentials', CREDENTIALS_HINT, async () => [await checkCredentials(deps.auth)], timeoutMs);
    results.push(credentials!);
    credentialsOk = credentials!.status === 'ok';
  }
  results.push(...await warehouseChecks(options, deps, { credentialsOk, timeoutMs }));
  if (options.bucket) {
    const { name, prefix, origins } = options.bucket;
    const warehouseLocation = options.warehouse.kind === 'bigquery' ? options.warehouse.bigquery.location : undefined;
    results.push(...credentialsOk
      ? await runChecks('bucket.exists', NETWORK_HINT, () => checkBucket({ bucket: deps.storage.bucket(name), prefix, origins, warehouseLocation }), timeoutMs)
      : notChecked('bucket'));
  }
  if (options.feed) results.push(...await runChecks('feed.key', NETWORK_HINT, async () => [await checkFeed(options.feed!)], timeoutMs));
  return results;
}

/** The one line of a group that needs credentials when there are none. */
const notChecked = (check: string): CheckResult[] => [problem('fail', check, 'CredentialsNotFound', 'not checked: no usable credentials', CREDENTIALS_HINT)];

async function warehouseChecks(options: DoctorOptions, deps: DoctorDeps, run: { credentialsOk: boolean; timeoutMs: number }): Promise<CheckResult[]> {
  const { warehouse } = options;
  if (warehouse.kind === 'invalid') return [failureOf('warehouse', warehouse.error, 'Set the warehouse and its settings by flag, environment or props-api.config.json (docs/bigquery.md)')];
  if (warehouse.kind === 'duckdb') {
    try {
      await access(warehouse.path);
      return [ok('warehouse', `DuckDB file ${warehouse.path}`)];
    } catch {
      return [problem('fail', 'warehouse', 'WarehouseNotFound', `the DuckDB warehouse ${warehouse.path} does not exist`, 'Create the sample warehouse with `props-api seed` (or `npm start`), or pass --warehouse duckdb:PATH or --warehouse bigquery')];
    }
  }
  if (!run.credentialsOk) return notChecked('bigquery');
  return runChecks('bigquery.datasets', NETWORK_HINT, async () => checkBigQuery({
    bigquery: warehouse.bigquery, tables: await readWarehouseTables(options.registry), registry: options.registry, clientOptions: deps.bigqueryClientOptions,
  }), run.timeoutMs);
}

/** Counts per status, for the closing line. */
export function summarise(results: readonly CheckResult[]): string {
  const count = (status: string) => results.filter((r) => r.status === status).length;
  return `doctor: ${count('ok')} ok, ${count('warn')} warn, ${count('fail')} fail`;
}
