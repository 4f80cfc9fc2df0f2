/**
 * Stage 1, plan: expand the selected exporters into jobs (one per parameter set) before any
 * query runs. Fails on duplicate exporter ids, unfilled placeholders, unsafe path values and
 * colliding output paths (naming both exporters), in the manner of Eleventy's collision check.
 *
 * An exporter with `paramsFromRows` learns its files from its query result: it is planned as an
 * endpoint whose jobs come later, through `PlannedEndpoint.planFromRows`, which the query stage
 * calls once with the checked rows. Those jobs get the same checks, against every path claimed so far,
 * and the files-per-build limit (`maxFiles`) is checked again once they are known.
 */
import type { AnyExporter, BuildContext } from '../define-exporter.ts';
import { BuildFailedError, ExportError, PlanError } from '../errors.ts';
import { DEFAULT_BUILD_LIMITS, fileCountProblem } from '../limits.ts';
import { fillTemplate, isSafePathSegment, placeholdersOf, versionedPath } from '../paths.ts';
import type { WarehouseRow } from '../ports.ts';

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
  /**
   * For exporters with `paramsFromRows`: turns the query's rows into this endpoint's jobs, with
   * the plan-time checks; throws a `PlanError` (or several in a `BuildFailedError`) naming the value.
   */
  readonly planFromRows?: (rows: readonly WarehouseRow[], ctx: BuildContext) => PlannedJob[];
}

/** Whether the endpoint has anything to build: planned jobs, or jobs to come from its rows. */
export function hasWork(endpoint: PlannedEndpoint): boolean {
  return endpoint.jobs.length > 0 || endpoint.planFromRows !== undefined;
}

export interface BuildPlan {
  readonly ctx: BuildContext;
  readonly endpoints: readonly PlannedEndpoint[];
}

/** Output paths claimed so far (path → exporter id), shared by plan-time and row-time jobs. */
type PathClaims = Map<string, string>;

function claimPath(claims: PathClaims, outputPath: string, exporterId: string, failures: ExportError[]): void {
  const owner = claims.get(outputPath);
  if (owner !== undefined) {
    failures.push(new PlanError('PathCollision', `\`${outputPath}\` would be written by both \`${owner}\` and \`${exporterId}\``, { exporterId, outputPath }));
  }
  claims.set(outputPath, exporterId);
}

export interface PlanOptions {
  /** Files the build may write, aliases included (limits.ts). @default 20_000 */
  maxFiles?: number;
}

export function planJobs(exporters: readonly AnyExporter[], ctx: BuildContext, { maxFiles = DEFAULT_BUILD_LIMITS.maxFiles }: PlanOptions = {}): BuildPlan {
  const failures: ExportError[] = [];
  const claims: PathClaims = new Map();
  const seenIds = new Set<string>();
  const endpoints: PlannedEndpoint[] = [];
  for (const exporter of exporters) {
    if (seenIds.has(exporter.id)) failures.push(new PlanError('DuplicateExporterId', `Two exporters are registered as \`${exporter.id}\``, { exporterId: exporter.id }));
    seenIds.add(exporter.id);
    for (const alias of exporter.aliases ?? []) claimPath(claims, versionedPath(alias.path), exporter.id, failures);
    if (exporter.paramsFromRows) {
      endpoints.push({ exporter, jobs: [], planFromRows: (rows, rowCtx) => planRowJobs(exporter, rows, rowCtx, claims, maxFiles) });
      continue;
    }
    const jobs = planExporter(exporter, () => exporter.params(ctx), failures);
    jobs.forEach((job) => claimPath(claims, job.outputPath, exporter.id, failures));
    endpoints.push({ exporter, jobs });
  }
  const tooMany = fileCountProblem(claims, maxFiles);
  if (tooMany) failures.push(tooMany);
  if (failures.length > 0) throw aggregate(failures);
  return { ctx, endpoints };
}

/** Jobs of a `paramsFromRows` exporter, checked like planned ones; throws when any set is bad. */
function planRowJobs(exporter: AnyExporter, rows: readonly WarehouseRow[], ctx: BuildContext, claims: PathClaims, maxFiles: number): PlannedJob[] {
  const failures: ExportError[] = [];
  const jobs = planExporter(exporter, () => exporter.paramsFromRows!(rows, ctx), failures);
  jobs.forEach((job) => claimPath(claims, job.outputPath, exporter.id, failures));
  const tooMany = fileCountProblem(claims, maxFiles);
  if (tooMany) failures.push(tooMany);
  if (failures.length > 0) throw aggregate(failures, 'Planning the files of the query result');
  return jobs;
}

function planExporter(exporter: AnyExporter, listParams: () => readonly Params[], failures: ExportError[]): PlannedJob[] {
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
    jobs.push({ exporter, params, outputPath: versionedPath(fillTemplate(exporter.path, params)) });
  }
  return jobs;
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
