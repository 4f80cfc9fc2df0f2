/**
 * `props-api start` (`npm start`): the one-command tour on the embedded sample. Seeds the sample
 * warehouse when it is missing, builds every implemented endpoint unless the last start's build
 * is still up to date (`start-fingerprint.ts`), then serves the tree with the production
 * headers and prints the URL.
 */
import { access } from 'node:fs/promises';
import { resolveOptions } from '../config.ts';
import type { AnyExporter } from '../define-exporter.ts';
import { DEFAULT_SAMPLE_WAREHOUSE } from '../warehouse-settings.ts';
import { createDocsRoutes } from '../docs/docs-route.ts';
import { createConsoleLogger } from '../logger.ts';
import type { Logger } from '../ports.ts';
import { runBuild } from '../run-build.ts';
import { seedSampleWarehouse } from '../sample-league/index.ts';
import { computeStartFingerprint, staleReason, writeStartRecord } from '../start-fingerprint.ts';
import { defineCommand } from './command.ts';
import { runPreview, waitForShutdownSignal } from './preview.ts';
import { exporters } from '../../exporters/index.ts';

export default defineCommand({
  name: 'start',
  summary: 'seed the sample warehouse if missing, build (unless up to date), serve the preview',
  usage: `Usage: props-api start [--out DIR] [--port N] [--no-serve] [--rebuild]

Seeds ${DEFAULT_SAMPLE_WAREHOUSE} when it does not exist, builds every endpoint (--trigger all)
into DIR (default: out), then serves it like \`props-api preview\`. The build is skipped when the
last one start made is still the newest in DIR and nothing it depends on changed: the same
warehouse file (size and modification time), the same code, schemas and package-lock.json, and
the same build options (environment and config file).

  --out DIR     output directory (default: out)
  --port N      preview port (default: 4173; 0 = any free port)
  --no-serve    stop after the build
  --rebuild     build even when the last build is up to date`,
  options: { out: { type: 'string' }, port: { type: 'string' }, 'no-serve': { type: 'boolean' }, rebuild: { type: 'boolean' }, verbose: { type: 'boolean' } },
  async run({ values }) {
    const outDir = (values.out as string | undefined) ?? 'out';
    const logger = createConsoleLogger({ verbose: values.verbose === true });
    await startBuild({ outDir, warehouseFile: DEFAULT_SAMPLE_WAREHOUSE, logger, rebuild: values.rebuild === true });
    if (values['no-serve'] === true) return 0;
    const port = values.port === undefined ? undefined : Number(values.port);
    await runPreview({ outDir, port, routes: createDocsRoutes() }, { print: (line) => process.stdout.write(`${line}\n`), untilStopped: () => waitForShutdownSignal() });
    return 0;
  },
});

export interface StartBuildOptions {
  outDir: string;
  /** The sample warehouse; seeded when missing. */
  warehouseFile: string;
  logger: Logger;
  /** Build even when the last start build is up to date. @default false */
  rebuild?: boolean;
  /** @default the registry (exporters/index.ts) */
  registry?: readonly AnyExporter[];
  /** Where the fingerprinted sources live. @default the project root */
  codeRoot?: string;
}

export interface StartBuildResult {
  buildId: string | undefined;
  /** False when the last start build was reused. */
  built: boolean;
}

/** Seeds when needed, then builds or reuses the up-to-date build, saying which and why. */
export async function startBuild(options: StartBuildOptions): Promise<StartBuildResult> {
  const { outDir, warehouseFile, logger } = options;
  if (!(await access(warehouseFile).then(() => true, () => false))) {
    logger.info(`seeding the sample warehouse ${warehouseFile} (first run only) …`);
    const started = performance.now();
    await seedSampleWarehouse({ dbPath: warehouseFile, onProgress: (label, done, total) => logger.progress(`seed ${label}`, done, total) });
    logger.info(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const buildOptions = resolveOptions({ trigger: 'all', outDir, warehouse: `duckdb:${warehouseFile}` });
  const fingerprint = await computeStartFingerprint({ warehouseFile, options: buildOptions, codeRoot: options.codeRoot });
  const stale = options.rebuild ? { reason: '--rebuild' } : await staleReason(outDir, fingerprint);
  if (stale.reason === undefined) {
    logger.info(`build ${stale.buildId} is up to date (same warehouse file, code, schemas and options): serving it without rebuilding (--rebuild to build anyway)`);
    return { buildId: stale.buildId, built: false };
  }
  logger.info(`building (${stale.reason}) …`);
  const summary = await runBuild({ registry: options.registry ?? exporters, ...buildOptions, logger });
  logger.info(`build ${summary.buildId}: ${summary.manifest?.build.file_count ?? 0} files, ${summary.queryCount} queries, ${summary.seconds.toFixed(2)} s → ${summary.treeDir}`);
  if (summary.buildId !== undefined) await writeStartRecord(outDir, { buildId: summary.buildId, fingerprint });
  return { buildId: summary.buildId, built: true };
}
