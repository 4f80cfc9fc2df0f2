/**
 * `props-api build`: flags → options (`resolveOptions`) → runBuild, then one summary line.
 */
import { resolveDates, resolveOptions, type Options, type OptionsInput } from '../config.ts';
import { limitsFromFlags } from '../limits.ts';
import type { Trigger } from '../define-exporter.ts';
import { createConsoleLogger } from '../logger.ts';
import { runBuild } from '../run-build.ts';
import { WAREHOUSE_FLAG_OPTIONS, warehouseOptionsFromFlags } from '../warehouse-config.ts';
import { exporters } from '../../exporters/index.ts';
import { historyFromRelease } from '../build-history.ts';
import { readLiveRelease } from '../publish/live-release.ts';
import { openObjectStore } from '../publish/open-store.ts';
import type { PlannedEndpoint } from '../stages/plan.ts';
import { versionedPath } from '../paths.ts';
import { defineCommand, type CommandArgs } from './command.ts';

export const BUILD_USAGE = `Usage: props-api build [options]

Build the static JSON API from the warehouse into OUT/<buildId>/ (v1/... files + manifest.json).

Options:
  --trigger T          daily | tonight | hourly | live | weekly | monthly | all (default: all)
  --only IDS           comma-separated exporter ids or families (e.g. results.daily,predictions)
  --date D             build dated endpoints for D (YYYY-MM-DD)
  --from D --to D      build every date in the inclusive range (backfill)
  --warehouse W        duckdb:PATH or bigquery (default: duckdb:.cache/sample-warehouse.duckdb);
                       BigQuery settings: --bq-project, --bq-location, … (docs/bigquery.md)
  --out DIR            output directory (default: out)
  --as-of T            the build's "now": YYYY-MM-DD or an ISO instant (default: the sample's
                       as-of night, else the wall clock)
  --system ID          prediction system to publish (default: ensemble_v1)
  --feed F             live feed for the live endpoints: sample | http (default: sample; env PROPS_API_FEED)
  --feed-url URL       balldontlie API base for --feed http (env PROPS_API_FEED_URL; the key comes
                       from BALLDONTLIE_API_KEY and is never printed)
  --players LOOKUPS    per-player endpoints only for these comma-separated player_lookups
  --min-games N        minimum graded games for weekly player pages (default: 5)
  --bucket URL         compare with the live release in gs://NAME[/PREFIX] (or file://DIR) instead of
                       the local out directory: unchanged files keep their stamps and bytes (use in CI)
  --endpoint URL       GCS endpoint for --bucket (e.g. a local emulator)
  --max-file-bytes N   refuse a file over N bytes (default: 10000000; env PROPS_API_MAX_FILE_BYTES)
  --max-string-chars N refuse a warehouse row with a string value over N characters
                       (default: 65536; env PROPS_API_MAX_STRING_CHARS)
  --max-files N        refuse a build of over N files (default: 20000; env PROPS_API_MAX_FILES)
  --full               rebuild every selected endpoint; by default an endpoint whose source tables,
                       parameters, day and code are unchanged since its live files were built is
                       skipped (no query) and its files carried over (docs/operations.md,
                       "Incremental builds")
  --dry-run            plan only: list endpoints and files, run no query, write nothing
  --verbose            debug output (also DEBUG=props-api)
  -h, --help           show this help`;

/** The flags given → options (unset ones left out for `resolveOptions` to fill), each checked and named by its flag. */
export function buildOptionsFromFlags(values: CommandArgs['values']): OptionsInput {
  const str = (name: string) => values[name] as string | undefined;
  return {
    trigger: str('trigger') as Trigger | 'all' | undefined,
    only: str('only')?.split(',').map((s) => s.trim()).filter(Boolean),
    dates: resolveDates({ date: str('date'), from: str('from'), to: str('to') }),
    outDir: str('out'),
    asOf: str('as-of'),
    systemId: str('system'),
    feed: str('feed') as Options['feed'] | undefined,
    feedUrl: str('feed-url'),
    players: str('players')?.split(',').map((s) => s.trim()).filter(Boolean),
    minGradedGames: str('min-games') === undefined ? undefined : Number(str('min-games')),
    dryRun: values['dry-run'] === true ? true : undefined,
    verbose: values.verbose === true ? true : undefined,
    ...limitsFromFlags(str),
    ...warehouseOptionsFromFlags(values),
  };
}

/** The live release of a bucket as the build's baseline (history of stamps and endpoint freshness). */
async function releaseBaseline(bucket: string, endpoint: string | undefined) {
  const { manifest } = await readLiveRelease(openObjectStore(bucket, endpoint === undefined ? {} : { endpoint }));
  return historyFromRelease(manifest, exporters);
}

export const BUILD_FLAGS = {
  trigger: { type: 'string' }, only: { type: 'string' }, date: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' },
  warehouse: { type: 'string' }, out: { type: 'string' }, 'as-of': { type: 'string' }, system: { type: 'string' },
  feed: { type: 'string' }, 'feed-url': { type: 'string' },
  players: { type: 'string' }, 'min-games': { type: 'string' }, bucket: { type: 'string' }, endpoint: { type: 'string' },
  'max-file-bytes': { type: 'string' }, 'max-string-chars': { type: 'string' }, 'max-files': { type: 'string' },
  'dry-run': { type: 'boolean' }, full: { type: 'boolean' }, verbose: { type: 'boolean' },
  ...WAREHOUSE_FLAG_OPTIONS,
} as const;

export default defineCommand({
  name: 'build',
  summary: 'build the JSON tree from the warehouse',
  usage: BUILD_USAGE,
  options: BUILD_FLAGS,
  async run({ values }) {
    const options = resolveOptions(buildOptionsFromFlags(values));
    const logger = createConsoleLogger({ verbose: options.verbose });
    const bucket = values.bucket as string | undefined;
    const baseline = bucket === undefined ? undefined : await releaseBaseline(bucket, values.endpoint as string | undefined);
    const summary = await runBuild({ registry: exporters, ...options, logger, baseline, incremental: values.full !== true });
    if (options.dryRun) {
      for (const endpoint of summary.plan.endpoints) logger.info(`  ${endpoint.exporter.id.padEnd(24)} ${dryRunFiles(endpoint)}`);
      logger.info(`dry run: ${summary.plan.endpoints.length} endpoints planned, nothing queried or written`);
      return 0;
    }
    const files = summary.manifest?.build.file_count ?? 0;
    const perFile = files > 0 ? ((summary.seconds * 1000) / files).toFixed(1) : '0';
    logger.info(`build ${summary.buildId}: ${summary.written} written, ${summary.unchanged} unchanged, 0 failed; ${summary.queryCount} queries${summary.carried.length > 0 ? `, ${summary.carried.length} endpoint(s) carried over` : ''}; ${summary.seconds.toFixed(2)} s (${perFile} ms/file) → ${summary.treeDir}`);
    return 0;
  },
});

/** One dry-run line's files: the planned ones, or for an endpoint listed by its query rows, its path template. */
export function dryRunFiles(endpoint: PlannedEndpoint): string {
  if (endpoint.fromRows) return `  from rows  ${versionedPath(endpoint.exporter.path)} (one per row group of its query)`;
  const { jobs } = endpoint;
  return `${String(jobs.length).padStart(5)} file(s)  ${jobs[0]?.outputPath ?? '(none)'}${jobs.length > 1 ? ' …' : ''}`;
}
