/**
 * Ports: the only doors through which the pipeline touches the outside world.
 *
 * Stages that do I/O (query, write, publish) receive these interfaces; everything
 * else works on plain data. Adapters live in `pipeline/adapters/` and are named
 * `<tech>-<role>.ts`.
 */
import type { Dialect, SqlQuery } from './sql.ts';

/** A JSON-like value as returned by a warehouse adapter (dates as `YYYY-MM-DD`, timestamps as ISO strings). */
export type WarehouseValue = string | number | boolean | null | WarehouseValue[] | { [key: string]: WarehouseValue };
export type WarehouseRow = Record<string, WarehouseValue>;

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
  /** Present when the warehouse is the generated sample league (its as-of becomes the default clock). */
  readonly sample?: SampleWarehouseInfo;
  query(query: SqlQuery, options: QueryOptions): Promise<WarehouseRow[]>;
  /**
   * When each of `tables` (`dataset.table`, as `tablesOf` lists them) last changed, read in at most
   * one metadata request per dataset (incremental builds, see incremental.ts). A table missing from
   * `stamps` has no known stamp, and an endpoint reading it is always rebuilt. Absent: no stamps.
   */
  tableStamps?(tables: readonly string[]): Promise<TableStamps>;
  close(): Promise<void>;
}

export interface TableStamps {
  /** `dataset.table` → an opaque stamp that changes whenever the table's contents change. */
  stamps: ReadonlyMap<string, string>;
  /** Metadata requests made to read them. */
  requests: number;
}

export interface SampleWarehouseInfo {
  seed: number;
  /** The sample league's as-of night, ISO instant (21:30 America/New_York). */
  asOfInstant: string;
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
  /**
   * A phase of long work: `done` of `total` items, `bytes` so far (see `progress.ts`). The CLI draws
   * a live line on a terminal and prints one line per completed phase elsewhere.
   */
  progress(phase: string, done: number, total: number, bytes?: number): void;
}

/** Status of a live game, normalised from the feed's free text (spec §8). */
export type LiveGameStatus = 'scheduled' | 'in_progress' | 'final';

/** One player line of a live box score. Missing stats are 0; nothing here is ever null but `minutes`. */
export interface LiveFeedPlayer {
  /** The feed's own player id (balldontlie); mapped to `player_lookup` through the warehouse. */
  readonly feedPlayerId: number;
  readonly firstName: string;
  readonly lastName: string;
  /** Minutes as the feed writes them (`"28"`, `"28:30"`, `"00"`); null when the feed sent none. */
  readonly minutes: string | null;
  readonly points: number;
  readonly rebounds: number;
  readonly assists: number;
  readonly steals: number;
  readonly blocks: number;
  readonly turnovers: number;
  readonly fgMade: number;
  readonly fgAttempted: number;
  readonly fg3Made: number;
  readonly fg3Attempted: number;
  readonly ftMade: number;
  readonly ftAttempted: number;
}

export interface LiveFeedTeam {
  /** Team tricode as the feed spells it (balldontlie uses NBA.com tricodes). */
  readonly tricode: string;
  readonly score: number;
  readonly players: readonly LiveFeedPlayer[];
}

/** One game of a live snapshot, normalised by the adapter. */
export interface LiveFeedGame {
  /** The feed's game id (balldontlie's), or null when it sent none. Not the schedule's id. */
  readonly feedGameId: string | null;
  /** The feed's game date (`YYYY-MM-DD`, the Eastern date the game started on), or null when absent. */
  readonly date: string | null;
  readonly status: LiveGameStatus;
  /** The feed's status text as sent (`"Final"`, `"3rd Qtr"`, a tip-off time). */
  readonly statusText: string;
  /** 0 before tip-off. */
  readonly period: number;
  /** Game clock text (`"5:42"`); null when the feed sent none. */
  readonly clock: string | null;
  readonly home: LiveFeedTeam;
  readonly away: LiveFeedTeam;
}

/** Everything the feed listed at one poll (other nights included: the build filters to its game night). */
export interface LiveSnapshot {
  /** The adapter's description (`balldontlie https://…`, `sample replay`); never credentials. */
  readonly source: string;
  readonly games: readonly LiveFeedGame[];
}

export interface LiveFetchRequest {
  /** The game night being built (`YYYY-MM-DD`, see pipeline/live/game-night.ts). */
  readonly gameDate: string;
  /** The build's now (ISO instant): the sample replay shows the night at this instant; a real feed is always "now". */
  readonly asOf: string;
}

/**
 * Live box scores (balldontlie in production, a replay of the sample league's night locally).
 *
 * Contract: `fetchSnapshot` resolves with every game the feed lists (an empty list is a real,
 * quiet answer) or rejects with `LiveFeedError` (`LiveFeedUnavailable`, `LiveFeedRejected`,
 * `LiveFeedMalformed`) after the adapter's bounded retries. It never resolves with an empty
 * snapshot because the feed failed, and no credential appears in its errors or descriptions.
 */
export interface LiveFeed {
  readonly description: string;
  fetchSnapshot(request: LiveFetchRequest): Promise<LiveSnapshot>;
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

/** An object's logical bytes (gunzipped when stored with `Content-Encoding: gzip`) and its headers. */
export interface ObjectContent {
  object: StoredObject;
  body: Uint8Array;
}

/** Generation precondition: act only while the object's generation is this; `'0'` = only while it does not exist. */
export interface GenerationPrecondition {
  ifGenerationMatch?: string;
}

export interface WriteObjectOptions extends ObjectMetadata, GenerationPrecondition {}

/** Headers for the destination of a copy (never inherited from the source); the precondition applies to the destination. */
export interface CopyObjectOptions extends ObjectMetadata, GenerationPrecondition {}

/**
 * Object storage for the publish stage (GCS in production, a local directory for preview and tests).
 *
 * Contract, identical for every adapter (a shared contract suite runs against each):
 * - names are `/`-separated keys below the store's root, without a leading slash;
 * - each single-object write, copy and delete is atomic; reads and lists are strongly consistent;
 * - `write` stores `body` byte for byte (already gzip-encoded when `contentEncoding` is `gzip`)
 *   with every header in the same request, never a second metadata patch;
 * - `copy` is server-side and gives the destination exactly the headers in `options`;
 * - a failed generation precondition throws `PublishError` code `StorePreconditionFailed`; a
 *   missing copy source throws `StoreObjectNotFound`; anything still failing after the adapter's
 *   bounded retries throws `StoreRequestFailed`.
 */
export interface ObjectStore {
  /** For logs, e.g. `gs://bucket/prefix`; never contains credentials. */
  readonly description: string;
  /** Requests made so far (attempts, retries included): the publish summary reports it. */
  requestCount(): number;
  stat(name: string): Promise<StoredObject | null>;
  read(name: string): Promise<ObjectContent | null>;
  /** Every object whose name starts with `prefix`, sorted by name. */
  list(prefix: string): Promise<StoredObject[]>;
  /** The distinct "directories" directly below `prefix` (which ends with `/`), e.g. `builds/b1/`. */
  listPrefixes(prefix: string): Promise<string[]>;
  write(name: string, body: Uint8Array, options: WriteObjectOptions): Promise<StoredObject>;
  copy(source: string, destination: string, options: CopyObjectOptions): Promise<StoredObject>;
  /** Resolves `false` when there was nothing to delete. */
  delete(name: string, options?: GenerationPrecondition): Promise<boolean>;
}
