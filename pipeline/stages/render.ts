/**
 * Stage 3, render: rows → payload, pure, one call per job (Astro's renderPath rule: no writes).
 *
 * Also resolves alias files (`latest.json`, `today.json`): the newest parameter set whose payload
 * passes the alias's `when` becomes the alias body; when none passes, no alias is rendered and the
 * published one stays. Sample builds get `sample_data: true` on every payload.
 */
import type { AnyExporter, RenderContext } from '../define-exporter.ts';
import type { CachePreset } from '../cache-policy.ts';
import { ExportError, RenderError } from '../errors.ts';
import { versionedPath } from '../paths.ts';
import type { Params, QueriedEndpoint } from './query.ts';

export interface RenderedFile {
  readonly exporter: AnyExporter;
  readonly params: Params;
  readonly outputPath: string;
  readonly cache: CachePreset;
  readonly payload: Record<string, unknown>;
  /** For an alias: the output path of the file it copies. */
  readonly aliasOf?: string;
}

export interface RenderResult { readonly files: readonly RenderedFile[]; readonly failures: readonly ExportError[] }

export function renderEndpoints(endpoints: readonly QueriedEndpoint[], ctx: RenderContext): RenderResult {
  const files: RenderedFile[] = [];
  const failures: ExportError[] = [];
  for (const { exporter, jobs } of endpoints) {
    const rendered: RenderedFile[] = [];
    for (const job of jobs) {
      try {
        const payload = exporter.render(job.rows, job.params, ctx) as Record<string, unknown>;
        if (ctx.sampleData && payload && typeof payload === 'object') payload.sample_data = true;
        rendered.push({ exporter, params: job.params, outputPath: job.outputPath, cache: typeof exporter.cache === 'function' ? exporter.cache(job.params, ctx) : exporter.cache, payload });
      } catch (cause) {
        failures.push(new RenderError('RenderFailed', `render threw: ${(cause as Error)?.message ?? String(cause)}`, { exporterId: exporter.id, outputPath: job.outputPath, cause }));
      }
    }
    files.push(...rendered, ...renderAliases(exporter, rendered, ctx));
  }
  return { files, failures };
}

function renderAliases(exporter: AnyExporter, rendered: readonly RenderedFile[], ctx: RenderContext): RenderedFile[] {
  return (exporter.aliases ?? []).flatMap((alias) => {
    const source = rendered.findLast((file) => alias.when?.(file.params, file.payload, ctx) ?? true);
    if (!source) return [];
    return [{ ...source, outputPath: versionedPath(alias.path), cache: alias.cache, aliasOf: source.outputPath }];
  });
}
