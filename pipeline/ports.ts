/**
 * Ports: the only doors through which the pipeline touches the outside world.
 *
 * Stages that do I/O (query, write, publish) receive these interfaces; everything
 * else works on plain data. Adapters live in `pipeline/adapters/` and are named
 * `<tech>-<role>.ts`.
 */
import type { SqlQuery } from './sql.ts';

/** A JSON-like value as returned by a warehouse adapter (dates as `YYYY-MM-DD`, timestamps as ISO strings). */
export type WarehouseValue = string | number | boolean | null | WarehouseValue[] | { [key: string]: WarehouseValue };
export type WarehouseRow = Record<string, WarehouseValue>;

export type Dialect = 'duckdb' | 'bigquery';

export interface QueryOptions {
  /** Exporter id, used in labels, logs and errors. */
  label: string;
  /** Values for the named parameters of the query. */
  params: Record<string, unknown>;
}

/**
 * Contract for every warehouse adapter: the same SQL text (rendered per dialect) gives the
 * same rows with the same JS representation on every engine:
 * - DATE → `'YYYY-MM-DD'`, TIMESTAMP → ISO 8601 UTC string with `Z`;
 * - integers, decimals and doubles → `number` (NaN and Infinity pass through for validation to catch);
 * - lists → arrays, structs → objects, NULL → `null`.
 */
export interface Warehouse {
  readonly dialect: Dialect;
  /** A short description for logs, never containing credentials. */
  readonly description: string;
  query(query: SqlQuery, options: QueryOptions): Promise<WarehouseRow[]>;
  close(): Promise<void>;
}

/** Wall-clock time; a `FixedClock` in tests and for reproducible sample builds. */
export interface Clock {
  now(): Date;
}

export interface Logger {
  /** Stage progress and summaries (stderr on a terminal). */
  info(message: string): void;
  warn(message: string): void;
  /** Only printed with `--verbose` or `DEBUG=props-api`. */
  debug(message: string): void;
  /** A transient progress line (rewritten in place on a TTY, suppressed otherwise). */
  progress(label: string, done: number, total: number): void;
}

/** Headers that travel with an object; set in the upload request itself. */
export interface ObjectMetadata {
  contentType: string;
  cacheControl: string;
  contentEncoding?: string;
  /** Custom metadata (e.g. sha256 of the uncompressed bytes). */
  metadata?: Record<string, string>;
}

export interface StoredObject extends ObjectMetadata {
  name: string;
  size: number;
  /** Storage generation; compare-and-swap token. `'0'` in a precondition means "must not exist". */
  generation: string;
}

export const systemClock: Clock = { now: () => new Date() };

export function createFixedClock(iso: string): Clock {
  const fixed = new Date(iso);
  if (Number.isNaN(fixed.getTime())) throw new TypeError(`Expected an ISO timestamp for the clock, got \`${iso}\``);
  return { now: () => new Date(fixed) };
}
