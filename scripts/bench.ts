/**
 * `npm run bench`: flags → `runBench` (pipeline/bench/) against an in-process loopback GCS server,
 * then the table on stdout and the results file. An operator chore, so a script and not a CLI
 * command: it borrows the loopback server of the test helpers, which the shipped CLI never loads.
 */
import { parseArgs } from 'node:util';
import { parseScales, resolveBenchOptions } from '../pipeline/bench/bench-options.ts';
import { formatResults, writeResults } from '../pipeline/bench/bench-results.ts';
import { runBench } from '../pipeline/bench/run-bench.ts';
import { formatErrorChain, invalidOption } from '../pipeline/errors.ts';
import { createConsoleLogger } from '../pipeline/logger.ts';
import { startGcsServer } from '../test/helpers/gcs-server/gcs-server.ts';

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
  -h, --help             show this help`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv, strict: true,
    options: { scales: { type: 'string' }, quick: { type: 'boolean' }, ticks: { type: 'string' }, results: { type: 'string' }, 'cache-dir': { type: 'string' }, 'cpu-prof-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.ticks !== undefined && !/^\d+$/.test(values.ticks)) throw invalidOption('--ticks', 'an integer ≥ 1', values.ticks);
  const options = resolveBenchOptions({
    scales: parseScales(values.scales), quick: values.quick, ticks: values.ticks === undefined ? undefined : Number(values.ticks),
    resultsFile: values.results, cacheDir: values['cache-dir'], cpuProfileDir: values['cpu-prof-dir'],
  });
  process.env.METADATA_SERVER_DETECTION = 'none'; // Google auth must never probe the metadata server: loopback only
  const server = await startGcsServer();
  try {
    const results = await runBench(options, { server, logger: createConsoleLogger({ verbose: false }) });
    process.stdout.write(formatResults(results));
    await writeResults(options.resultsFile, results);
    process.stderr.write(`results: ${options.resultsFile}\n`);
    return 0;
  } finally {
    await server.close();
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${formatErrorChain(error)}\n`);
  process.exitCode = 1;
}
