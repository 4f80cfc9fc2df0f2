/**
 * `props-api graded [--date D] [--bucket URL] [--json]`: has D's grading landed, and are its
 * results live since? The daily workflow's gate (pipeline/ops/graded-check.ts states the
 * contract). It answers with a state and always exits 0; only a failed query or bucket read fails.
 */
import { resolveAsOf } from '../build-context.ts';
import { resolveOptions } from '../config.ts';
import { invalidOption } from '../errors.ts';
import { createConsoleLogger } from '../logger.ts';
import { decideGrading, publishedResults, readGradingFacts, resultsPathOf } from '../ops/graded-check.ts';
import { readLiveRelease } from '../publish/live-release.ts';
import { BUCKET_FLAGS, storeFromFlags, stringFlag } from '../publish/cli-options.ts';
import { systemClock } from '../ports.ts';
import { addDays, easternDate, isIsoDate } from '../time.ts';
import { openWarehouse, WAREHOUSE_FLAG_OPTIONS, warehouseOptionsFromFlags } from '../warehouse-config.ts';
import { defineCommand } from './command.ts';
import { GRADED_RESULTS_PATH } from '../../exporters/index.ts';

export const GRADED_USAGE = `Usage: props-api graded [--date D] [--bucket gs://NAME[/PREFIX]] [options]

Tell whether a date's grading has landed in the warehouse (prediction_accuracy and
system_daily_performance rows) and, with --bucket, whether the live results for it were built
since. Prints one line (and JSON with --json); the state is one of:
  ungraded    games were scheduled but grading has not landed: wait
  no-games    nothing was scheduled: nothing to wait for
  ready       graded and not yet published since: build and publish now
  published   the live results were built after grading: nothing to do
Exits 0 whatever the state; non-zero only when the warehouse or the bucket cannot be read.

Options:
  --date D             the game date (default: yesterday in New York time)
  --as-of T            the "now" that sets yesterday (default: the sample's night, else the clock)
  --warehouse W        duckdb:PATH or bigquery; BigQuery settings as for build (docs/bigquery.md)
  --bucket URL         compare with the live release in gs://NAME[/PREFIX] (or file://DIR)
  --endpoint URL       GCS endpoint for --bucket (e.g. a local emulator)
  --json               print the full report as JSON on stdout
  --verbose            debug output (also DEBUG=props-api)
  -h, --help           show this help`;

export default defineCommand({
  name: 'graded',
  summary: "tell whether a date's grading has landed and its results are live (the daily gate)",
  usage: GRADED_USAGE,
  options: { ...BUCKET_FLAGS, ...WAREHOUSE_FLAG_OPTIONS, date: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean' } },
  async run({ values }) {
    const date = stringFlag(values, 'date');
    if (date !== undefined && !isIsoDate(date)) throw invalidOption('--date', 'a date YYYY-MM-DD', date);
    const store = stringFlag(values, 'bucket') === undefined ? undefined : storeFromFlags(values);
    const options = resolveOptions({ ...warehouseOptionsFromFlags(values), verbose: values.verbose === true ? true : undefined });
    const logger = createConsoleLogger({ verbose: options.verbose });
    const warehouse = await openWarehouse(options, { bigquery: { trigger: 'daily', logger } });
    try {
      const day = date ?? addDays(easternDate(resolveAsOf(stringFlag(values, 'as-of'), warehouse, systemClock)), -1);
      const facts = await readGradingFacts(warehouse, day);
      const published = store ? publishedResults((await readLiveRelease(store)).manifest, resultsPathOf(GRADED_RESULTS_PATH, day)) : null;
      const report = decideGrading(facts, published);
      logger.info(report.reason);
      if (values.json === true) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return 0;
    } finally {
      await warehouse.close();
    }
  },
});
