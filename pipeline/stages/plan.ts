/**
 * Stage 1, plan: expand the selected exporters into jobs (one per parameter set) before any
 * query runs. Fails on duplicate exporter ids, unfilled placeholders, unsafe path values and
 * colliding output paths (naming both exporters), in the manner of Eleventy's collision check.
 */
import type { AnyExporter, BuildContext } from '../define-exporter.ts';
import { BuildFailedError, ExportError, PlanError } from '../errors.ts';
import { fillTemplate, isSafePathSegment, placeholdersOf, versionedPath } from '../paths.ts';

export type Params = Readonly<Record<string, string>>;

export interface PlannedJob {
  readonly exporter: AnyExporter;
  readonly params: Params;
  /** `v1/...` path of the file. */
  readonly outputPath: string;
}

export interface PlannedEndpoint {
  readonly exporter: AnyExporter;
  readonly jobs: readonly PlannedJob[];
}

export interface BuildPlan {
  readonly ctx: BuildContext;
  readonly endpoints: readonly PlannedEndpoint[];
}

export function planJobs(exporters: readonly AnyExporter[], ctx: BuildContext): BuildPlan {
  const failures: ExportError[] = [];
  const owners = new Map<string, string>();
  const claim = (outputPath: string, exporterId: string) => {
    const owner = owners.get(outputPath);
    if (owner !== undefined) {
      failures.push(new PlanError('PathCollision', `\`${outputPath}\` would be written by both \`${owner}\` and \`${exporterId}\``, { exporterId, outputPath }));
    }
    owners.set(outputPath, exporterId);
  };
  const seenIds = new Set<string>();
  const endpoints: PlannedEndpoint[] = [];
  for (const exporter of exporters) {
    if (seenIds.has(exporter.id)) failures.push(new PlanError('DuplicateExporterId', `Two exporters are registered as \`${exporter.id}\``, { exporterId: exporter.id }));
    seenIds.add(exporter.id);
    const jobs = planExporter(exporter, ctx, failures);
    jobs.forEach((job) => claim(job.outputPath, exporter.id));
    for (const alias of exporter.aliases ?? []) claim(versionedPath(alias.path), exporter.id);
    endpoints.push({ exporter, jobs });
  }
  if (failures.length > 0) throw aggregate(failures);
  return { ctx, endpoints };
}

function planExporter(exporter: AnyExporter, ctx: BuildContext, failures: ExportError[]): PlannedJob[] {
  const placeholders = placeholdersOf(exporter.path);
  let paramSets: readonly Params[];
  try {
    paramSets = exporter.params(ctx);
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
function aggregate(failures: ExportError[]): ExportError {
  if (failures.length === 1) return failures[0]!;
  return new BuildFailedError(failures, `Planning found ${failures.length} problems; no query was run`);
}
