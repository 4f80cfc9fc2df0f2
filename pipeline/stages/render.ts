/**
 * Stage 3, render: rows → payload, pure, one call per job (Astro's renderPath rule: no writes).
 * Sample builds get `sample_data: true` on every payload. Alias selection lives here too: the
 * newest parameter set whose payload passes an alias's `when` becomes the alias body; when none
 * passes, no alias is written and the published one stays (spec R-6). A file dated after the
 * build's today never becomes an alias body.
 */
import type { AnyExporter, RenderContext } from '../define-exporter.ts';
import type { CachePreset } from '../cache-policy.ts';
import { RenderError } from '../errors.ts';
import { versionedPath } from '../paths.ts';
import type { Params, QueriedJob } from './query.ts';

export interface RenderedFile {
  readonly exporter: AnyExporter;
  readonly params: Params;
  readonly outputPath: string;
  readonly cache: CachePreset;
  readonly payload: Record<string, unknown>;
  /** Position of the job in its exporter's parameter order (aliases pick the newest). */
  readonly index: number;
}

export function renderJob(job: QueriedJob, index: number, ctx: RenderContext): RenderedFile {
  const { exporter } = job;
  let payload: Record<string, unknown>;
  try {
    payload = exporter.render(job.rows, job.params, ctx) as Record<string, unknown>;
  } catch (cause) {
    throw new RenderError('RenderFailed', `render threw: ${(cause as Error)?.message ?? String(cause)}`, { exporterId: exporter.id, outputPath: job.outputPath, cause });
  }
  if (ctx.sampleData && payload !== null && typeof payload === 'object') payload.sample_data = true;
  const cache = typeof exporter.cache === 'function' ? exporter.cache(job.params, ctx) : exporter.cache;
  return { exporter, params: job.params, outputPath: job.outputPath, cache, payload, index };
}

export interface AliasTarget {
  readonly outputPath: string;
  readonly cache: CachePreset;
}

/**
 * The aliases this rendered file qualifies for (the caller keeps the newest per alias). A file
 * dated after the build's today (ET) qualifies for none, whatever the exporter's `when` says: a
 * backfill range or a warehouse row dated in the future never moves `latest` / `today` past the
 * current date (the dated file itself is still written).
 */
export function aliasTargets(file: RenderedFile, ctx: RenderContext): AliasTarget[] {
  if (file.params.date !== undefined && file.params.date > ctx.today) return [];
  return (file.exporter.aliases ?? [])
    .filter((alias) => alias.when?.(file.params, file.payload, ctx) ?? true)
    .map((alias) => ({ outputPath: versionedPath(alias.path), cache: alias.cache }));
}
