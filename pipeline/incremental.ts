/**
 * Incremental builds: skip an endpoint whose inputs have not changed since the build that
 * produced its live files. No query, no render: its files are carried over (the build lists none
 * of them, and its manifest entry says `carried`, so the publisher and the local overlay keep the
 * live ones, exactly as for an endpoint another trigger builds).
 *
 * An endpoint's inputs are summed up in one digest (`EndpointInputs`): the stamps of the tables
 * its SQL reads (`renderSql`'s `tables`, read in one metadata request per dataset through
 * `Warehouse.tableStamps`), its query text and bound values, its planned parameter sets, the ET
 * day (`today`, `yesterday`: aliases, cache presets and "as of" fields follow it), the build
 * settings a render may read, the code and schema versions, the source of its functions and the
 * hash of the code that determines every build's files (source-hash.ts): a change to a shared
 * pipeline helper, an exporter, a schema or a library version rebuilds every endpoint once.
 * Every file a build writes carries its endpoint's digest (manifest and release), so "the build
 * that produced the live files" is read from the live files themselves: it survives roll-forward,
 * rollback and partial publishes without separate bookkeeping.
 *
 * An endpoint is carried over when all of these hold: the build is incremental (not `--full`) and
 * not restricted (`--date`, `--players`); its exporter is not rebuilt on every build (see
 * `rebuildsAlways`); every table stamp is known; and every live file in its scope (its planned
 * paths, or for an endpoint listed by its rows, all its live files) exists and carries the digest.
 */
import type { EndpointResult } from './build-endpoint.ts';
import type { AnyExporter, BuildContext } from './define-exporter.ts';
import type { EndpointInputs, LiveFileInputs } from './manifest.ts';
import type { Logger, Warehouse } from './ports.ts';
import { sha256Hex } from './serialize.ts';
import { renderSql } from './sql.ts';
import { hasWork, type BuildPlan, type PlannedEndpoint } from './stages/plan.ts';
import type { EndpointFact, WrittenFile } from './stages/write.ts';

export interface IncrementalPlan {
  /** Exporter id → its inputs; absent when a table stamp is unknown (never carried, nothing recorded). */
  inputs: Map<string, EndpointInputs>;
  /** Exporter ids carried over from the live files. */
  carried: Set<string>;
  /** Metadata requests made to read the stamps. */
  metadataRequests: number;
}

export interface IncrementalOptions {
  warehouse: Warehouse;
  /** Live files by path (the build's baseline). */
  live: ReadonlyMap<string, LiveFileInputs>;
  /** False for `--full`: inputs are still recorded, nothing is carried. */
  incremental: boolean;
  /**
   * Code and schema versions of this build (manifest `build.code_version`, `schema_version`) and
   * `hashSourceTree` of the code it runs.
   */
  versions: { code: string; schema: string; sourceTree: string };
}

/**
 * An exporter whose files depend on more than its tables, parameters and the ET day: it declares
 * `rebuild: 'always'` (the build's instant, e.g. freshness), or it needs a build input (a live
 * feed snapshot, what the build wrote), which no table stamp covers.
 */
export function rebuildsAlways(exporter: AnyExporter): boolean {
  return exporter.rebuild === 'always' || (exporter.needs?.length ?? 0) > 0;
}

/**
 * Whether the build could carry the endpoint over at all: an incremental, unrestricted build and an
 * exporter not rebuilt every time. Only such an endpoint's query waits for the table stamps.
 */
export function mayCarry(endpoint: PlannedEndpoint, ctx: BuildContext, incremental: boolean): boolean {
  return incremental && ctx.dates === undefined && ctx.players === undefined && !rebuildsAlways(endpoint.exporter);
}

/** The plan when no stamp is known: nothing carried, no inputs recorded. */
export function unknownStamps(): IncrementalPlan {
  return { inputs: new Map(), carried: new Set(), metadataRequests: 0 };
}

/** Reads the table stamps (one call of the port) and decides which planned endpoints are carried over. */
export async function planIncremental(plan: BuildPlan, options: IncrementalOptions): Promise<IncrementalPlan> {
  const result = unknownStamps();
  const endpoints = plan.endpoints.filter(hasWork);
  if (!options.warehouse.tableStamps || endpoints.length === 0) return result;
  // One render per endpoint gives both the tables it reads and the query text its digest covers.
  const rendered = new Map(endpoints.map((endpoint) => [endpoint, renderSql(endpoint.exporter.query.sql, 'duckdb')]));
  const read = await options.warehouse.tableStamps([...new Set([...rendered.values()].flatMap((query) => query.tables))].sort());
  result.metadataRequests = read.requests;
  const liveByExporter = ownLiveFiles(options.live);
  for (const endpoint of endpoints) {
    const { text: sql, tables: own } = rendered.get(endpoint)!;
    if (!own.every((table) => read.stamps.has(table))) continue;
    const inputs = endpointInputs(endpoint, plan.ctx, { sql, stamps: Object.fromEntries(own.map((table) => [table, read.stamps.get(table)!])), versions: options.versions });
    if (!inputs) continue;
    result.inputs.set(endpoint.exporter.id, inputs);
    if (mayCarry(endpoint, plan.ctx, options.incremental) && isCurrent(endpoint, inputs.digest, options.live, liveByExporter)) result.carried.add(endpoint.exporter.id);
  }
  return result;
}

/**
 * The endpoint's inputs digest; undefined when its query cannot be bound (the query stage reports why).
 * `sql` is its query rendered for DuckDB (`renderSql`), the text the digest covers.
 */
export function endpointInputs(endpoint: PlannedEndpoint, ctx: BuildContext, facts: { sql: string; stamps: Record<string, string>; versions: IncrementalOptions['versions'] }): EndpointInputs | undefined {
  const { exporter } = endpoint;
  const params = endpoint.jobs.map((job) => job.params);
  let bound: Record<string, unknown>;
  try {
    bound = exporter.query.bind(ctx, params);
  } catch {
    return undefined;
  }
  const settings = { today: ctx.today, yesterday: ctx.yesterday, systemId: ctx.systemId, minGradedGames: ctx.minGradedGames, sampleData: ctx.sampleData };
  const source = [exporter.render, exporter.params, exporter.paramsFromRows, exporter.cache, ...(exporter.aliases ?? []).map((alias) => alias.when)].map(String);
  const summary = {
    exporter: exporter.id, schema: exporter.schema, path: exporter.path, aliases: (exporter.aliases ?? []).map((alias) => [alias.path, alias.cache]),
    versions: facts.versions, settings, sql: facts.sql, bound, params, source, tables: facts.stamps,
  };
  return { digest: sha256Hex(JSON.stringify(summary)).slice(0, 16), tables: facts.stamps };
}

/** The live files each endpoint wrote itself (aliases left out), by exporter id: one pass over the live tree per build. */
function ownLiveFiles(live: ReadonlyMap<string, LiveFileInputs>): Map<string, LiveFileInputs[]> {
  const byExporter = new Map<string, LiveFileInputs[]>();
  for (const file of live.values()) {
    if (file.alias) continue;
    const own = byExporter.get(file.exporter);
    if (own) own.push(file);
    else byExporter.set(file.exporter, [file]);
  }
  return byExporter;
}

/**
 * True when every live file in the endpoint's scope exists and was written by a build with this digest.
 * `liveByExporter` is `ownLiveFiles(live)`: the scope of an endpoint listed by its rows.
 */
function isCurrent(endpoint: PlannedEndpoint, digest: string, live: ReadonlyMap<string, LiveFileInputs>, liveByExporter: ReadonlyMap<string, readonly LiveFileInputs[]>): boolean {
  const id = endpoint.exporter.id;
  const scope = endpoint.fromRows ? (liveByExporter.get(id) ?? []) : endpoint.jobs.map((job) => live.get(job.outputPath));
  return scope.length > 0 && scope.every((file) => file !== undefined && file.exporter === id && file.inputs === digest);
}

/** The files an endpoint wrote, each marked with the endpoint's inputs digest (when its inputs are known). */
export function withInputs(files: readonly WrittenFile[], inputs: EndpointInputs | undefined): WrittenFile[] {
  return inputs ? files.map((file) => ({ ...file, entry: { ...file.entry, inputs: inputs.digest } })) : [...files];
}

export interface ManifestEndpointsOptions {
  incremental: IncrementalPlan;
  /** Per exporter id, what the baseline says of it (its data date carries over with its files). */
  previous: ReadonlyMap<string, { dataAsOf: string | null }>;
}

/** The manifest's endpoints: those built (queried), then those carried over, in plan order. */
export function manifestEndpoints(plan: BuildPlan, results: readonly EndpointResult[], { incremental, previous }: ManifestEndpointsOptions): EndpointFact[] {
  const { ctx } = plan;
  return plan.endpoints.flatMap((endpoint, i): EndpointFact[] => {
    const { id, schema } = endpoint.exporter;
    const result = results[i]!;
    if (!result.queried && !result.carried) return [];
    const inputs = incremental.inputs.get(id);
    const fact: EndpointFact = { id, schema, complete: endpoint.exporter.ownsAllFiles === true && ctx.players === undefined && ctx.dates === undefined, ...(inputs ? { inputs } : {}) };
    return [result.carried ? { ...fact, complete: false, carried: { dataAsOf: previous.get(id)?.dataAsOf ?? null } } : fact];
  });
}

/** One line when the build carries endpoints over (a debug line when it carries none). */
export function logIncremental(plan: IncrementalPlan, logger: Logger): void {
  const carried = [...plan.carried];
  const stamps = `table stamps in ${plan.metadataRequests} metadata request(s)`;
  if (carried.length === 0) logger.debug(`incremental: nothing carried over; ${stamps}`);
  else logger.info(`incremental: ${carried.length} endpoint(s) unchanged since their live files, carried over (${carried.join(', ')}); ${stamps}`);
}
