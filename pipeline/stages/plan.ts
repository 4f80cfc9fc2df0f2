/**
 * Stage 1, plan: expand the selected exporters into jobs (one per parameter set) before any
 * query runs. Fails on duplicate exporter ids, unfilled placeholders, unsafe path values, values
 * that fill a template to a static path of the registry (reserved slugs, checked against every
 * registered exporter whatever `--only` selects) and colliding output paths (naming both
 * exporters), in the manner of Eleventy's collision check.
 *
 * The plan is plain data. An exporter with `paramsFromRows` learns its files from its query
 * result: it is planned as an endpoint with `fromRows` and no jobs, and the query stage calls
 * `planRowJobs` once with the checked rows. Those jobs get the same checks, against the plan's
 * claims and the row-time claims of the build so far (`createPathClaims`), and the files-per-build
 * limit (`maxFiles`) is checked again once they are known.
 */
import type { AnyExporter, BuildContext } from '../define-exporter.ts';
import { BuildFailedError, ExportError, PlanError } from '../errors.ts';
import { DEFAULT_BUILD_LIMITS, fileCountProblem } from '../limits.ts';
import { fillTemplate, isSafePathSegment, placeholdersOf, versionedPath } from '../paths.ts';
import type { WarehouseRow } from '../ports.ts';
import { describeOwner, staticPathsOf, type StaticPathOwner, type StaticPaths } from '../static-paths.ts';

export type Params = Readonly<Record<string, string>>;

export interface PlannedJob {
  readonly exporter: AnyExporter;
  readonly params: Params;
  /** `v1/...` path of the file. */
  readonly outputPath: string;
}

export interface PlannedEndpoint {
  readonly exporter: AnyExporter;
  /** Jobs known at plan time; empty for an endpoint whose jobs come from its rows. */
  readonly jobs: readonly PlannedJob[];
  /** True for exporters with `paramsFromRows`: the query stage plans the jobs with `planRowJobs`. */
  readonly fromRows: boolean;
}

/** Whether the endpoint has anything to build: planned jobs, or jobs to come from its rows. */
export function hasWork(endpoint: PlannedEndpoint): boolean {
  return endpoint.jobs.length > 0 || endpoint.fromRows;
}

export interface BuildPlan {
  readonly ctx: BuildContext;
  readonly endpoints: readonly PlannedEndpoint[];
  /** Every output path the planned jobs and aliases claim → the exporter id claiming it. */
  readonly claims: ReadonlyMap<string, string>;
  /** The registry's static paths, reserved for row-time jobs too. */
  readonly reserved: StaticPaths;
  /** Files the build may write, aliases included. */
  readonly maxFiles: number;
}

export interface PlanOptions {
  /** Every registered exporter: its static paths and aliases are reserved in every build. @default the exporters planned */
  readonly registry?: readonly AnyExporter[];
  /** Files the build may write, aliases included (limits.ts). @default 20_000 */
  readonly maxFiles?: number;
}

/** Output paths claimed so far (path → exporter id): the plan's, then each row-time endpoint's. */
export type PathClaims = Map<string, string>;

/** The build's claims, starting from the plan's; row-time jobs of every endpoint add to the one map. */
export const createPathClaims = (plan: BuildPlan): PathClaims => new Map(plan.claims);

function claimPath(claims: PathClaims, outputPath: string, exporterId: string, failures: ExportError[]): void {
  const owner = claims.get(outputPath);
  if (owner !== undefined) {
    failures.push(new PlanError('PathCollision', `\`${outputPath}\` would be written by both \`${owner}\` and \`${exporterId}\``, { exporterId, outputPath }));
  }
  claims.set(outputPath, exporterId);
}

export function planJobs(exporters: readonly AnyExporter[], ctx: BuildContext, options: PlanOptions = {}): BuildPlan {
  const failures: ExportError[] = [];
  const claims: PathClaims = new Map();
  const maxFiles = options.maxFiles ?? DEFAULT_BUILD_LIMITS.maxFiles;
  const reserved = staticPathsOf(options.registry ?? exporters);
  const seenIds = new Set<string>();
  const endpoints: PlannedEndpoint[] = [];
  for (const exporter of exporters) {
    if (seenIds.has(exporter.id)) failures.push(new PlanError('DuplicateExporterId', `Two exporters are registered as \`${exporter.id}\``, { exporterId: exporter.id }));
    seenIds.add(exporter.id);
    for (const alias of exporter.aliases ?? []) claimPath(claims, versionedPath(alias.path), exporter.id, failures);
    if (exporter.paramsFromRows) {
      endpoints.push({ exporter, jobs: [], fromRows: true });
      continue;
    }
    const jobs = planExporter(exporter, () => exporter.params(ctx), { reserved, failures });
    jobs.forEach((job) => claimPath(claims, job.outputPath, exporter.id, failures));
    endpoints.push({ exporter, jobs, fromRows: false });
  }
  const tooMany = fileCountProblem(claims, maxFiles);
  if (tooMany) failures.push(tooMany);
  if (failures.length > 0) throw aggregate(failures);
  return { ctx, endpoints, claims, reserved, maxFiles };
}

/**
 * Jobs of a `paramsFromRows` exporter from its checked rows, checked like planned ones against the
 * plan and `claims` (which they join); throws a `PlanError` (or several in a `BuildFailedError`) naming the value.
 */
export function planRowJobs(plan: BuildPlan, exporter: AnyExporter, rows: readonly WarehouseRow[], claims: PathClaims): PlannedJob[] {
  const failures: ExportError[] = [];
  const jobs = planExporter(exporter, () => exporter.paramsFromRows!(rows, plan.ctx), { reserved: plan.reserved, failures });
  jobs.forEach((job) => claimPath(claims, job.outputPath, exporter.id, failures));
  const tooMany = fileCountProblem(claims, plan.maxFiles);
  if (tooMany) failures.push(tooMany);
  if (failures.length > 0) throw aggregate(failures, 'Planning the files of the query result');
  return jobs;
}

interface PlanExporterOptions {
  readonly reserved: StaticPaths;
  /** Collects every problem found; the jobs returned are the good ones. */
  readonly failures: ExportError[];
}

function planExporter(exporter: AnyExporter, listParams: () => readonly Params[], { reserved, failures }: PlanExporterOptions): PlannedJob[] {
  const placeholders = placeholdersOf(exporter.path);
  let paramSets: readonly Params[];
  try {
    paramSets = listParams();
  } catch (cause) {
    failures.push(new PlanError('InvalidParams', `\`${exporter.id}\` failed to list its parameter sets`, { exporterId: exporter.id, cause }));
    return [];
  }
  const jobs: PlannedJob[] = [];
  for (const params of paramSets) {
    const problem = checkParams(params, placeholders);
    if (problem) {
      failures.push(new PlanError(problem.code, problem.message, { exporterId: exporter.id, outputPath: exporter.path, hint: problem.hint }));
      continue;
    }
    const outputPath = versionedPath(fillTemplate(exporter.path, params));
    const reservedBy = placeholders.length > 0 ? reserved.get(outputPath) : undefined;
    if (reservedBy) {
      failures.push(reservedSlugError(exporter, params, outputPath, reservedBy));
      continue;
    }
    jobs.push({ exporter, params, outputPath });
  }
  return jobs;
}

/** A value that fills the template to a static path of the registry, naming the value and the path's owner. */
function reservedSlugError(exporter: AnyExporter, params: Params, outputPath: string, owner: StaticPathOwner): PlanError {
  const values = placeholdersOf(exporter.path).map((name) => `\`${name}\` value ${JSON.stringify(params[name])}`).join(' and ');
  return new PlanError('ReservedSlug', `${values} would fill \`${exporter.path}\` to \`${outputPath}\`, which is ${describeOwner(owner)}`, {
    exporterId: exporter.id, outputPath,
    hint: 'A path value may not equal the name of a static file beside its template, in any build (`--only` ones included: the publish would replace the other endpoint\'s file); correct the value in the source row.',
  });
}

interface ParamProblem { code: 'UnfilledPlaceholder' | 'UnsafePathSegment'; message: string; hint?: string }

function checkParams(params: Params, placeholders: readonly string[]): ParamProblem | undefined {
  for (const name of placeholders) {
    const value = params[name];
    if (value === undefined) return { code: 'UnfilledPlaceholder', message: `placeholder \`{${name}}\` has no value in parameter set ${JSON.stringify(params)}` };
    if (!isSafePathSegment(value)) {
      return {
        code: 'UnsafePathSegment',
        message: `\`${name}\` value ${JSON.stringify(value)} is not a safe path segment`,
        hint: 'Path values must be lower-case ASCII letters, digits and inner hyphens (1–64 characters); fix the source row.',
      };
    }
  }
  return undefined;
}

/** One error for many: a single failure is thrown as is, several together. */
function aggregate(failures: ExportError[], what = 'Planning'): ExportError {
  if (failures.length === 1) return failures[0]!;
  return new BuildFailedError(failures, `${what} found ${failures.length} problems; ${what === 'Planning' ? 'no query was run' : 'nothing was written'}`);
}
