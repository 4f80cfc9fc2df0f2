/**
 * `props-api seed [--db PATH] [--seed N] [--as-of DATE] [--seasons N] [--players-per-team N] [--force]`:
 * generates the deterministic sample warehouse (see `pipeline/sample-league/`) and prints one
 * summary line (path, rows, seconds) to stderr.
 */
import { DEFAULT_SAMPLE_WAREHOUSE } from '../warehouse-settings.ts';
import { createConsoleLogger } from '../logger.ts';
import { integerFlag, stringFlag } from '../publish/cli-options.ts';
import { DEFAULT_SEED_OPTIONS, seedSampleWarehouse } from '../sample-league/index.ts';
import { defineCommand } from './command.ts';

export const SEED_USAGE = `Usage: props-api seed [options]

Generate the sample warehouse: the 30 NBA teams, fictional players, schedules, box scores,
lines, predictions of five systems, grading and tonight's games in progress, all derived from
one numeric seed (same options → same table contents). Clearly sample data.

Options:
  --db PATH               DuckDB file to write (default: ${DEFAULT_SAMPLE_WAREHOUSE})
  --seed N                random seed (default: ${DEFAULT_SEED_OPTIONS.seed})
  --as-of DATE            the sample clock's date, a regular-season game date; the clock is
                          21:30 New York time that day (default: ${DEFAULT_SEED_OPTIONS.asOf})
  --seasons N             seasons of history ending with the as-of season (default: ${DEFAULT_SEED_OPTIONS.seasons})
  --players-per-team N    roster size, 8–20 (default: ${DEFAULT_SEED_OPTIONS.playersPerTeam})
  --force                 overwrite an existing file
  --verbose               debug output
  -h, --help              show this help`;

export default defineCommand({
  name: 'seed',
  summary: 'generate the deterministic sample warehouse (DuckDB)',
  usage: SEED_USAGE,
  options: {
    db: { type: 'string' }, seed: { type: 'string' }, 'as-of': { type: 'string' }, seasons: { type: 'string' },
    'players-per-team': { type: 'string' }, force: { type: 'boolean' }, verbose: { type: 'boolean' },
  },
  async run({ values }) {
    const logger = createConsoleLogger({ verbose: values.verbose === true });
    const started = performance.now();
    const summary = await seedSampleWarehouse({
      dbPath: stringFlag(values, 'db') ?? DEFAULT_SAMPLE_WAREHOUSE,
      seed: integerFlag(values, 'seed', 0),
      asOf: stringFlag(values, 'as-of'),
      seasons: integerFlag(values, 'seasons', 0),
      playersPerTeam: integerFlag(values, 'players-per-team', 0),
      force: values.force === true,
      onProgress: (label, done, total) => logger.progress(`seed ${label}`, done, total),
    });
    const rows = Object.values(summary.rowCounts).reduce((a, b) => a + b, 0);
    const tables = Object.keys(summary.rowCounts).length;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    logger.info(`seeded ${summary.dbPath}: ${rows.toLocaleString('en-US')} rows in ${tables} tables, seed ${summary.seed}, as of ${summary.asOfInstant}, ${summary.seasons} season(s), ${seconds} s`);
    return 0;
  },
});
