/**
 * `npm run bench`: flags → `runBench` (pipeline/bench/) against an in-process loopback GCS server
 * (and, for the production section, a loopback GCS and a loopback BigQuery server, each in its own
 * process and with latency, so that their work takes no CPU from the build or publish measured), then the
 * table on stdout and the results file. An operator chore, so a script and not a CLI command: it
 * borrows the loopback servers of the test helpers, which the shipped CLI never loads.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseScales, resolveBenchOptions, type BenchOptions } from '../pipeline/bench/bench-options.ts';
import { formatProduction, formatResults, formatTargets, mergeProduction, writeResults } from '../pipeline/bench/bench-results.ts';
import { evaluateTargets } from '../pipeline/bench/bench-targets.ts';
import { runBench, runProduction, type RunBenchDeps } from '../pipeline/bench/run-bench.ts';
import { formatErrorChain, invalidOption } from '../pipeline/errors.ts';
import { createConsoleLogger } from '../pipeline/logger.ts';
import { startBigQueryServerProcess } from '../test/helpers/bigquery-server/server-process.ts';
import { startGcsServer } from '../test/helpers/gcs-server/gcs-server.ts';
import { startGcsServerProcess } from '../test/helpers/gcs-server/server-process.ts';

const USAGE = `Usage: npm run bench -- [options]

Build, write-floor, publish and live-tick benchmarks on generated sample warehouses; prints a table
and writes the results as JSON. Warehouses are cached in --cache-dir and regenerated when the
generator or its options change.

Options:
  --scales LIST          seasons of history to benchmark (default: 1,5,10)
  --quick                smoke run: scale 1, 5 live ticks, results to .cache/bench/results.quick.json
  --ticks N              live ticks to time (default: 30)
  --results FILE         where the JSON goes (default: bench/results.json)
  --cache-dir DIR        cached warehouses and scratch trees (default: .cache/bench)
  --cpu-prof-dir DIR     write a V8 CPU profile of every build into DIR
  --production           only the production section (BigQuery and GCS latencies, 1-season sample),
                         merged into the results file; a full run includes it, --quick does not
  --query-latency-ms N   loopback BigQuery: job insert to done (default: 1500)
  --page-latency-ms N    loopback BigQuery: per results page (default: 150)
  --storage-latency-ms N loopback GCS: per request (default: 50)
  --storage-jitter-ms N  loopback GCS: ± per request (default: 20)
  -h, --help             show this help`;

const INTEGER_FLAGS = { ticks: 'ticks', 'query-latency-ms': 'queryLatencyMs', 'page-latency-ms': 'pageLatencyMs', 'storage-latency-ms': 'storageLatencyMs', 'storage-jitter-ms': 'storageJitterMs' } as const;

/** The integer flags given, each checked and named by its flag. */
function integerFlags(values: Record<string, string | boolean | undefined>): Partial<BenchOptions> {
  const found: Partial<Record<(typeof INTEGER_FLAGS)[keyof typeof INTEGER_FLAGS], number>> = {};
  for (const [flag, key] of Object.entries(INTEGER_FLAGS)) {
    const raw = values[flag];
    if (raw === undefined) continue;
    if (typeof raw !== 'string' || !/^\d+$/.test(raw)) throw invalidOption(`--${flag}`, 'an integer ≥ 0', raw);
    found[key] = Number(raw);
  }
  return found;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv, strict: true,
    options: {
      scales: { type: 'string' }, quick: { type: 'boolean' }, results: { type: 'string' }, 'cache-dir': { type: 'string' }, 'cpu-prof-dir': { type: 'string' },
      production: { type: 'boolean' }, ...Object.fromEntries(Object.keys(INTEGER_FLAGS).map((flag) => [flag, { type: 'string' as const }])), help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const options = resolveBenchOptions({
    scales: parseScales(values.scales), quick: values.quick, ...integerFlags(values),
    resultsFile: values.results, cacheDir: values['cache-dir'], cpuProfileDir: values['cpu-prof-dir'], ...(values.production ? { production: 'only' as const } : {}),
  });
  process.env.METADATA_SERVER_DETECTION = 'none'; // Google auth must never probe the metadata server: loopback only
  const server = await startGcsServer();
  const storage = options.production === 'no' ? undefined : await startGcsServerProcess({ latencyMs: options.storageLatencyMs, latencyJitterMs: options.storageJitterMs });
  const bigquery = options.production === 'no' ? undefined : await startBigQueryServerProcess({ jobMs: options.queryLatencyMs, pageMs: options.pageLatencyMs });
  const deps: RunBenchDeps = { server, logger: createConsoleLogger({ verbose: false }), ...(storage && bigquery ? { production: { storage, bigquery } } : {}) };
  try {
    if (options.production === 'only') return await productionOnly(options, deps);
    const results = await runBench(options, deps);
    process.stdout.write(formatResults(results));
    await writeResults(options.resultsFile, results);
    process.stderr.write(`results: ${options.resultsFile}\n`);
    return 0;
  } finally {
    await Promise.all([server.close(), storage?.close(), bigquery?.close()]);
  }
}

/** `--production`: the section alone, merged into the results file when there is one. */
async function productionOnly(options: BenchOptions, deps: RunBenchDeps): Promise<number> {
  const production = await runProduction(options, deps);
  process.stdout.write(`${formatProduction(production).join('\n')}\n\n`);
  if (!existsSync(options.resultsFile)) {
    process.stderr.write(`${options.resultsFile} does not exist: run the full bench (npm run bench) to write it; nothing written\n`);
    return 1;
  }
  const results = await mergeProduction(options.resultsFile, production, evaluateTargets);
  process.stdout.write(`${formatTargets(results.targets).join('\n')}\n`);
  await writeResults(options.resultsFile, results);
  process.stderr.write(`results: ${options.resultsFile} (production section replaced)\n`);
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${formatErrorChain(error)}\n`);
  process.exitCode = 1;
}
