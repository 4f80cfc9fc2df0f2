/**
 * `props-api start` (`npm start`): the one-command tour on the embedded sample. Seeds the sample
 * warehouse when it is missing, builds every implemented endpoint, then serves the tree with the
 * production headers and prints the URL.
 */
import { access } from 'node:fs/promises';
import { DEFAULT_SAMPLE_WAREHOUSE } from '../warehouse-settings.ts';
import { createDocsRoutes } from '../docs/docs-route.ts';
import { createConsoleLogger } from '../logger.ts';
import { runBuild } from '../run-build.ts';
import { seedSampleWarehouse } from '../sample-league/index.ts';
import { defineCommand } from './command.ts';
import { runPreview, waitForShutdownSignal } from './preview.ts';
import { exporters } from '../../exporters/index.ts';

export default defineCommand({
  name: 'start',
  summary: 'seed the sample warehouse if missing, build everything, serve the preview',
  usage: `Usage: props-api start [--out DIR] [--port N] [--no-serve]

Seeds ${DEFAULT_SAMPLE_WAREHOUSE} when it does not exist, builds every endpoint (--trigger all)
into DIR (default: out), then serves it like \`props-api preview\`.

  --out DIR     output directory (default: out)
  --port N      preview port (default: 4173; 0 = any free port)
  --no-serve    stop after the build`,
  options: { out: { type: 'string' }, port: { type: 'string' }, 'no-serve': { type: 'boolean' }, verbose: { type: 'boolean' } },
  async run({ values }) {
    const outDir = (values.out as string | undefined) ?? 'out';
    const logger = createConsoleLogger({ verbose: values.verbose === true });
    const exists = await access(DEFAULT_SAMPLE_WAREHOUSE).then(() => true, () => false);
    if (!exists) {
      logger.info(`seeding the sample warehouse ${DEFAULT_SAMPLE_WAREHOUSE} (first run only) …`);
      const started = performance.now();
      await seedSampleWarehouse({ dbPath: DEFAULT_SAMPLE_WAREHOUSE, onProgress: (label, done, total) => logger.progress(`seed ${label}`, done, total) });
      logger.info(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    const summary = await runBuild({ registry: exporters, trigger: 'all', outDir, warehouse: `duckdb:${DEFAULT_SAMPLE_WAREHOUSE}`, logger });
    logger.info(`build ${summary.buildId}: ${summary.manifest?.build.file_count ?? 0} files, ${summary.queryCount} queries, ${summary.seconds.toFixed(2)} s → ${summary.treeDir}`);
    if (values['no-serve'] === true) return 0;
    const port = values.port === undefined ? undefined : Number(values.port);
    await runPreview({ outDir, port, routes: createDocsRoutes() }, { print: (line) => process.stdout.write(`${line}\n`), untilStopped: () => waitForShutdownSignal() });
    return 0;
  },
});
