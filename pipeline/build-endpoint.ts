/**
 * One endpoint through the stages: query once, then per job render → validate → serialise →
 * write, with a bounded number of jobs in flight (p-queue), so a fan-out of thousands of files
 * holds one endpoint's rows and a handful of payloads in memory, never the whole tree.
 * Failures are collected per job; the caller decides what a failure means for the build.
 */
import PQueue from 'p-queue';
import type { RenderContext } from './define-exporter.ts';
import { BuildFailedError, ExportError, QueryError, WriteError } from './errors.ts';
import { checkFileBytes, type BuildLimits } from './limits.ts';
import type { Logger, Warehouse } from './ports.ts';
import type { SchemaRegistry } from './schema-registry.ts';
import { hasWork, type BuildPlan, type PathClaims, type PlannedEndpoint } from './stages/plan.ts';
import { queryEndpoint, type QueriedEndpoint } from './stages/query.ts';
import { aliasTargets, renderJob, type AliasTarget } from './stages/render.ts';
import { validateFile } from './stages/validate.ts';
import { aliasFile, serializeFile, type PreviousStamp, type SerializedFile, type TreeWriter, type WrittenFile } from './stages/write.ts';

/** Jobs of one endpoint in flight at once (render is synchronous; this overlaps the writes). */
export const RENDER_CONCURRENCY = 16;

export interface EndpointDeps {
  ctx: RenderContext;
  warehouse: Warehouse;
  schemas: SchemaRegistry;
  writer: TreeWriter;
  previous: ReadonlyMap<string, PreviousStamp>;
  logger: Logger;
  limits: BuildLimits;
  plan: BuildPlan;
  /** The build's path claims (`createPathClaims`), shared by every endpoint whose files come from its rows. */
  claims: PathClaims;
  /**
   * Whether this build carries the endpoint's live files over (incremental.ts): not queried, nothing
   * written. Resolves at once for an endpoint that cannot be carried, so its query does not wait for
   * the table stamps.
   */
  carriedOver(endpoint: PlannedEndpoint): Promise<boolean>;
}

export interface EndpointResult {
  /** Manifest data of every file written (bytes are not kept). */
  files: WrittenFile[];
  failures: ExportError[];
  queryMs: number;
  queried: boolean;
  /** Skipped: its inputs are unchanged since its live files were written (incremental.ts). */
  carried: boolean;
}

/** An endpoint's query stage: its rows fanned out to its jobs, or why not. */
export type QueryOutcome = { queried: QueriedEndpoint } | { failures: ExportError[] };

/** The query stage of an endpoint with work; never rejects (a failure is the outcome). */
export async function runEndpointQuery(endpoint: PlannedEndpoint, deps: EndpointDeps): Promise<QueryOutcome> {
  try {
    return { queried: await queryEndpoint(endpoint, deps.ctx, { warehouse: deps.warehouse, logger: deps.logger, maxStringChars: deps.limits.maxStringChars, plan: deps.plan, claims: deps.claims }) };
  } catch (error) {
    if (error instanceof BuildFailedError) return { failures: [...error.failures] }; // several bad row-derived paths
    return { failures: [error instanceof ExportError ? error : new QueryError('QueryFailed', `the query failed: ${(error as Error).message}`, { exporterId: endpoint.exporter.id, cause: error })] };
  }
}

/** The endpoint through its stages; `query` is its query stage when already started (build-inputs.ts starts late endpoints' early). */
export async function buildEndpoint(endpoint: PlannedEndpoint, deps: EndpointDeps, query?: Promise<QueryOutcome>): Promise<EndpointResult> {
  const { exporter } = endpoint;
  const result: EndpointResult = { files: [], failures: [], queryMs: 0, queried: false, carried: hasWork(endpoint) && (await deps.carriedOver(endpoint)) };
  if (!hasWork(endpoint) || result.carried) return result;
  result.queried = true;
  const outcome = await (query ?? runEndpointQuery(endpoint, deps));
  if ('failures' in outcome) {
    result.failures.push(...outcome.failures);
    return result;
  }
  const { queried } = outcome;
  result.queryMs = queried.queryMs;
  const aliases = new Map<string, { index: number; target: AliasTarget; source: SerializedFile }>();
  const keep = (file: SerializedFile) => result.files.push({ entry: file.entry, dataDate: file.dataDate });
  const queue = new PQueue({ concurrency: RENDER_CONCURRENCY });
  for (const [index, job] of queried.jobs.entries()) {
    void queue.add(async () => {
      try {
        const rendered = renderJob(job, index, deps.ctx);
        const serialized = serializeFile(validateFile(rendered, deps.schemas), deps.ctx, deps.previous);
        checkFileBytes(serialized, deps.limits.maxFileBytes);
        for (const target of aliasTargets(rendered, deps.ctx)) {
          const best = aliases.get(target.outputPath);
          if (!best || best.index < index) aliases.set(target.outputPath, { index, target, source: serialized });
        }
        await deps.writer.write(serialized);
        keep(serialized);
      } catch (error) {
        result.failures.push(error instanceof ExportError ? error : new WriteError('WriteFailed', String(error), { exporterId: exporter.id, outputPath: job.outputPath, cause: error }));
      }
    });
  }
  await queue.onIdle();
  for (const { target, source } of aliases.values()) {
    const alias = aliasFile(source, target);
    await deps.writer.write(alias);
    keep(alias);
  }
  return result;
}
