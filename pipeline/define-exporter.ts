/**
 * `defineExporter`: the one authoring helper for an endpoint.
 *
 * It returns its argument unchanged; it exists for type inference (path placeholders must
 * match the parameter keys, `render` must return the schema's generated type) and so that the
 * registry can check every exporter the same way. See STYLE.md §1.
 */
import type { CachePreset } from './cache-policy.ts';
import type { SqlQuery } from './sql.ts';
import type { RowColumns, RowOf } from './row-contract.ts';
import type { LiveNight } from './live/snapshot.ts';

/** Build triggers, one per schedule. `all` on the CLI selects every trigger. */
export const TRIGGERS = ['daily', 'tonight', 'hourly', 'live', 'weekly', 'monthly'] as const;
export type Trigger = (typeof TRIGGERS)[number];

/** Placeholders of a path template: `'players/{player_lookup}/season/{season}.json'` → `'player_lookup' | 'season'`. */
export type PathPlaceholders<Path extends string> = Path extends `${string}{${infer Key}}${infer Rest}` ? Key | PathPlaceholders<Rest> : never;
export type ParamsOf<Path extends string> = { readonly [K in PathPlaceholders<Path>]: string };

/** What every stage may know about the build. Pure data; `render` gets nothing else. */
export interface BuildContext {
  /** The trigger being built (`all` selects every trigger). */
  readonly trigger: Trigger | 'all';
  /** The build's notion of now, ISO 8601 UTC (from the Clock port). */
  readonly asOf: string;
  /** America/New_York calendar date of `asOf`. Never UTC. */
  readonly today: string;
  /** The day before `today` (ET): the newest date whose games are normally graded. */
  readonly yesterday: string;
  /** Dates asked for with `--date` or `--from/--to`, ascending; `undefined` means each exporter's default. */
  readonly dates: readonly string[] | undefined;
  /** The prediction system published by single-system endpoints (spec §1.4). */
  readonly systemId: string;
  /** True when the warehouse is the generated sample league. */
  readonly sampleData: boolean;
  /** `--players`: restrict per-player endpoints to these lookups; `undefined` means every player. */
  readonly players: readonly string[] | undefined;
  /** Minimum graded games for a player to get weekly player pages (`--min-games`). */
  readonly minGradedGames: number;
  /**
   * What is known about every registered endpoint's freshness, for status.json (see EndpointState);
   * filled only for endpoints with `reportsOnBuild`, which run after the others.
   */
  readonly endpointStates: readonly EndpointState[];
}

/** The freshness facts of one endpoint as this build sees them. */
export interface EndpointState {
  readonly exporter: string;
  readonly triggers: readonly Trigger[];
  /** True when this build (re)builds the endpoint. */
  readonly builtNow: boolean;
  /** As-of instant of the newest build that produced it (this build's when built now); null when never built. */
  readonly lastBuiltAt: string | null;
  /** Newest data date it covers (its newest `date` parameter, else the build's today); null when never built. */
  readonly dataAsOf: string | null;
  /**
   * Permanent error code of a refresh that failed (e.g. a live tick whose feed was down), whose last
   * good files were kept; null when the last attempt succeeded. Set through `runBuild({ failedEndpoints })`.
   */
  readonly lastErrorCode: string | null;
}

/** What `render` receives besides rows and params. */
export interface RenderContext extends BuildContext {
  /** Value for the payload's `generated_at` / `updated_at`; the write stage keeps the previous stamp when content is unchanged. */
  readonly generatedAt: string;
  /**
   * The live feed's snapshot of the build's game night, fetched once per build and shared by every
   * endpoint with `usesLiveFeed` (spec R-12); undefined for builds without such an endpoint.
   */
  readonly live?: LiveNight;
}

export interface AliasSpec<Params, Payload> {
  /** Alias path template (no placeholders), e.g. `results/latest.json`. */
  readonly path: string;
  readonly cache: CachePreset;
  /**
   * Whether a rendered file may become the alias. The newest parameter set (last in `params`
   * order) that passes is used; when none passes the alias is not written and the published one
   * stays (an alias is never replaced by an empty or off-date document, spec R-6).
   */
  readonly when?: (params: Params, payload: Payload, ctx: BuildContext) => boolean;
}

export interface ExporterQuery<Columns extends RowColumns, Params> {
  readonly sql: SqlQuery;
  /** Parameter values for this build; names must match the query's named parameters. */
  readonly bind: (ctx: BuildContext, params: readonly Params[]) => Record<string, unknown>;
  /** The row contract: one type per column (`'number?'` allows NULL). Checked on every row. */
  readonly columns: Columns;
  /** Columns that must be unique together in the result (a duplicate fails the build). */
  readonly key: readonly (keyof Columns & string)[];
}

export interface Exporter<Path extends string = string, Columns extends RowColumns = RowColumns, Payload = unknown> {
  /** `"<family>.<name>"`, permanent: used in logs, errors, the manifest and `--only`. */
  readonly id: string;
  /** `$id` of `schemas/<family>/<name>.schema.json`. */
  readonly schema: string;
  /** Who reads it and how fresh it must be (shown in docs and `--help`). */
  readonly description: string;
  readonly triggers: readonly Trigger[];
  /** Output path under the API version prefix, e.g. `results/{date}.json`. */
  readonly path: Path;
  /** Cache preset of every file, or per file (e.g. today's slate minutes, past dates a day). */
  readonly cache: CachePreset | ((params: ParamsOf<Path>, ctx: BuildContext) => CachePreset);
  /** Top-level timestamp field the payload carries (`generated_at` by default; live files use `updated_at`). */
  readonly stampField?: 'generated_at' | 'updated_at';
  /**
   * True when `params` lists every file the endpoint should have (per-player pages, single files),
   * as opposed to a window of dated history. A full build of such an endpoint (no `--players`, no
   * dates) is marked complete in the manifest, and its files that it no longer produces are stale:
   * the publisher removes them. @default false
   */
  readonly ownsAllFiles?: boolean;
  readonly aliases?: readonly AliasSpec<ParamsOf<Path>, Payload>[];
  /**
   * True when `render` reads `ctx.live`: the build then fetches one live-feed snapshot before
   * rendering (shared by every such endpoint), and when the feed fails these endpoints fail with
   * it, writing none of their files, so the last good ones stay. @default false
   */
  readonly usesLiveFeed?: boolean;
  /**
   * True when `render` reads `ctx.endpointStates`: the endpoint is built after every other
   * endpoint of the build, so the states describe what this build actually wrote (the data dates
   * of files listed by query rows are known only then). @default false
   */
  readonly reportsOnBuild?: boolean;
  /**
   * Parameter sets to build, ascending; called once per build (like getStaticPaths). With
   * `paramsFromRows` they only scope the query (they are what `query.bind` receives, often `[]`).
   */
  readonly params: (ctx: BuildContext) => readonly ParamsOf<Path>[];
  /**
   * Fan-out read from the data, for endpoints whose files are a warehouse fact (one page per
   * player the query returns). Called once, after the endpoint's one query, with every row that
   * passed the row contract; the sets it returns are this endpoint's files, checked exactly like
   * planned ones (placeholders filled, strict slugs, no collision with any other path), so a
   * `player_lookup` of `../x` or `''` fails the build naming the value. Ascending, like `params`.
   */
  readonly paramsFromRows?: (rows: readonly RowOf<Columns>[], ctx: BuildContext) => readonly ParamsOf<Path>[];
  readonly query: ExporterQuery<Columns, ParamsOf<Path>>;
  /**
   * Fan-out: which row column carries each parameter. Rows are grouped by these columns and each
   * parameter set renders only its group. Without it, every parameter set sees every row.
   */
  readonly partitionBy?: { readonly [K in PathPlaceholders<Path>]?: keyof Columns & string };
  /** Pure: no I/O, no clock, no environment. Same rows → same payload. */
  readonly render: (rows: readonly RowOf<Columns>[], params: ParamsOf<Path>, ctx: RenderContext) => Payload;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyExporter = Exporter<string, any, any>;

export function defineExporter<const Path extends string, const Columns extends RowColumns, Payload>(
  exporter: Exporter<Path, Columns, Payload>,
): Exporter<Path, Columns, Payload> {
  return exporter;
}
