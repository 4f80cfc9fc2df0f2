/**
 * The build manifest: `out/<buildId>/manifest.json`.
 *
 * Deterministic: the same warehouse and clock give the same bytes (wall-clock timings live in
 * `build-report.json` beside it, never here). The publisher diffs manifests to decide what to
 * upload; `sha256` is of the exact bytes written (and uploaded), `content_sha256` of the payload
 * with its generated-at stamp blanked, which lets a rebuild keep the previous stamp when only the
 * clock moved.
 */
import type { CachePreset } from './cache-policy.ts';
import type { Trigger } from './define-exporter.ts';

export const MANIFEST_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
export const BUILD_REPORT_FILE = 'build-report.json';
/**
 * The `exporter` of the published schema files (`v1/schemas/...`, pipeline/stages/schema-files.ts).
 * Every build writes all of them, so the manifest lists this owner as complete: a removed schema is pruned.
 */
export const SCHEMA_FILES_OWNER = 'schemas';

export interface ManifestFile {
  /** Path relative to the tree root, with the API version prefix: `v1/results/2025-03-14.json`. */
  path: string;
  sha256: string;
  bytes: number;
  content_type: string;
  cache: CachePreset;
  cache_control: string;
  exporter: string;
  schema: string;
  /** Hash of the payload with the stamp field blanked; unchanged content keeps its stamp. */
  content_sha256: string;
  /** The payload's generated-at stamp (`generated_at` or `updated_at`). */
  generated_at: string;
  /** For alias files: the path of the file whose body it copies. */
  alias_of?: string;
  /**
   * Digest of the endpoint's inputs when this file was written (incremental.ts): a later build
   * carries the endpoint over while its inputs still give this digest. Absent when a table stamp
   * was unknown.
   */
  inputs?: string;
}

/** What an endpoint's files are a function of (pipeline/incremental.ts), recorded per endpoint. */
export interface EndpointInputs {
  /** 16 hex digits of sha256 over every input; each file the endpoint writes carries it as `inputs`. */
  digest: string;
  /** Stamp of each table its query reads (`dataset.table` → stamp). */
  tables: Record<string, string>;
}

/** A live file as an incremental build sees it (build-history.ts). */
export interface LiveFileInputs {
  exporter: string;
  /** The inputs digest of the build that wrote it; undefined when none was recorded. */
  inputs: string | undefined;
  alias: boolean;
}

export interface ManifestEndpoint {
  exporter: string;
  schema: string;
  files: number;
  /** Source data as-of: the newest date the endpoint's files cover (or the build's as-of). */
  data_as_of: string;
  /**
   * True when this build produced every file the endpoint should have: its other published files
   * are stale and may be pruned. False for dated history and for `--players` / date-restricted builds,
   * whose files only add to or replace the published ones.
   */
  complete: boolean;
  /** Its inputs (table stamps and digest), when every table stamp was known. */
  inputs?: EndpointInputs;
  /**
   * True when this build found its inputs unchanged and carried its live files over: it lists none
   * of them (`files` is 0, `complete` false) and `data_as_of` is the carried files'.
   */
  carried?: true;
}

export interface BuildManifest {
  manifest_version: number;
  build: {
    id: string;
    trigger: Trigger | 'all';
    as_of: string;
    today: string;
    dates: string[] | null;
    /** Warehouse queries run by this build: one per endpoint built (none for those carried over). */
    query_count: number;
    endpoint_count: number;
    file_count: number;
    total_bytes: number;
    warehouse: string;
    sample_data: boolean;
    code_version: string;
    schema_version: string;
  };
  endpoints: ManifestEndpoint[];
  /** Sorted by path. */
  files: ManifestFile[];
}

/** Wall-clock facts about a build; not part of the deterministic manifest. */
export interface BuildReport {
  build_id: string;
  started_at: string;
  finished_at: string;
  timings_ms: Record<string, number>;
  query_ms: Record<string, number>;
  written: number;
  unchanged: number;
  failed: number;
}

/** A build's endpoint entries, the schema files' owner (which every build writes, with no query) aside. */
export function endpointEntries(manifest: Pick<BuildManifest, 'endpoints'>): ManifestEndpoint[] {
  return manifest.endpoints.filter((endpoint) => endpoint.exporter !== SCHEMA_FILES_OWNER);
}
