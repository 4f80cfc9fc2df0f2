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
import type { ExportError } from './errors.ts';
import type { LiveFeed, Logger } from './ports.ts';

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
}

/** What `render` receives besides rows and params. */
export interface RenderContext extends BuildContext {
  /** Value for the payload's `generated_at` / `updated_at`; the write stage keeps the previous stamp when content is unchanged. */
  readonly generatedAt: string;
  /** The loaded build inputs (see BuildInput); read them with `inputOf`. */
  readonly inputs: ReadonlyMap<BuildInput, unknown>;
}

/**
 * A value that some endpoints' `render` reads besides their rows (a live-feed snapshot, the
 * freshness of what the build wrote). It is defined beside the exporters that read it, which list
 * it in `needs`; a build loads each input that a planned endpoint needs once, and every such
 * endpoint reads the same value with `inputOf(ctx, input)`. The pipeline knows no particular input.
 */
export interface BuildInput<Value = unknown> {
  /** Name in logs and timings, e.g. `live feed`. */
  readonly id: string;
  /**
   * `'all'`: loaded once every endpoint that does not need it is built, so `facts.endpoints` carry
   * the data dates they wrote; the endpoints that need it are built after that. Otherwise it is
   * loaded before any endpoint is built.
   */
  readonly after?: 'all';
  readonly load: (facts: BuildFacts) => Promise<Value> | Value;
  /**
   * When `load` throws: the failure of each endpoint that needs the input, which is then not built
   * (none of its files written) while the others build. @default the build throws the error
   */
  readonly failureFor?: (error: unknown, endpoint: EndpointFacts) => ExportError;
  /** Checks a plan that selected an exporter needing the input; may log, or throw a `PlanError`. */
  readonly checkPlan?: (facts: PlanFacts, logger: Logger) => void;
}

/** The selected endpoints of a build as its inputs see them. Plain data. */
export interface PlanFacts {
  readonly ctx: BuildContext;
  readonly request: { readonly trigger: Trigger | 'all'; readonly only: readonly string[] | undefined; readonly dryRun: boolean };
  /** Every selected endpoint, in plan order. */
  readonly endpoints: readonly EndpointFacts[];
}

export interface EndpointFacts {
  readonly exporter: AnyExporter;
  /** True when the plan gives it files to build (planned jobs, or jobs to come from its rows). */
  readonly planned: boolean;
  /** True when the build found it unchanged and carried its live files over (pipeline/incremental.ts); known once built. */
  readonly carried: boolean;
  /** Parameter sets of its planned jobs, and the output path of the first. */
  readonly params: readonly Readonly<Record<string, string>>[];
  readonly firstPath: string | undefined;
  /** Data dates of the files it wrote (see BuildInput.after); empty before it is built. */
  readonly writtenDates: readonly string[];
}

/** What a build input is loaded from. */
export interface BuildFacts extends PlanFacts {
  /** Every registered exporter. */
  readonly registry: readonly AnyExporter[];
  /** What the build replaces, per exporter id (see build-history.ts). */
  readonly previous: ReadonlyMap<string, { readonly lastBuiltAt: string; readonly dataAsOf: string | null }>;
  /** Endpoints whose refresh failed outside this build (exporter id → error code), from `runBuild`. */
  readonly failedEndpoints: Readonly<Record<string, string>>;
  /** The live-feed port, opened on first call. */
  readonly liveFeed: () => LiveFeed;
}

/** The value of a build input the endpoint lists in `needs`. */
export function inputOf<Value>(ctx: RenderContext, input: BuildInput<Value>): Value {
  if (!ctx.inputs.has(input)) throw new Error(`Internal error: build input \`${input.id}\` was not loaded (is it listed in the exporter's \`needs\`?)`);
  return ctx.inputs.get(input) as Value;
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
  /** Build inputs `render` reads with `inputOf` (see BuildInput). An endpoint that needs one is rebuilt by every build. @default none */
  readonly needs?: readonly BuildInput[];
  /**
   * Incremental builds (pipeline/incremental.ts) carry an endpoint's live files over, without a
   * query, when its tables, query, parameters and the ET day are as the build that wrote them saw
   * them. `'always'`: every build rebuilds it, because its files depend on the build's instant
   * (freshness, a game in progress) rather than only on the day. @default undefined (may be carried over)
   */
  readonly rebuild?: 'always';
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
