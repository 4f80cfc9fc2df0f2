/**
 * `props-api doctor [--warehouse bigquery] [--bucket gs://NAME[/PREFIX]] [--feed http] [--json]`:
 * checks the setup a scheduled run needs and prints one line per check, `ok`, `warn` or `fail`
 * (warn and fail with a code and a hint); exits 1 when any check fails. The checks are in
 * pipeline/doctor/; this command turns flags into their options.
 */
import { exporters } from '../../exporters/index.ts';
import { createStorageClient } from '../adapters/gcs-object-store.ts';
import { DEFAULT_OPTIONS, LIVE_FEED_KINDS, resolveFeedApiKey, resolveOptions } from '../config.ts';
import { formatResults } from '../doctor/check.ts';
import { runDoctor, summarise, type DoctorOptions, type DoctorWarehouse } from '../doctor/run-doctor.ts';
import { invalidOption } from '../errors.ts';
import { parseOrigins } from '../cors-policy.ts';
import { stringFlag } from '../publish/cli-options.ts';
import { parseBucketUrl } from '../publish/open-store.ts';
import { WAREHOUSE_FLAG_OPTIONS, warehouseOptionsFromFlags } from '../warehouse-config.ts';
import { defineCommand, type CommandArgs } from './command.ts';

const USAGE = `Usage: props-api doctor [--warehouse bigquery] [--bucket gs://NAME[/PREFIX]] [--feed http] [--json]

Checks the setup a build and a publish need, one line per check: ok, warn or fail (with a code
and a hint). Exits 1 when any check fails. Reads and writes nothing but a probe object.

  credentials          Application Default Credentials are found; which identity they are
  warehouse            --warehouse duckdb:PATH: the file exists. --warehouse bigquery (settings as
                       for build: --bq-project, --bq-location, … docs/bigquery.md):
    bigquery.datasets  every dataset the exporters read exists, in the jobs' location
    bigquery.columns   every table and column they read exists with a compatible type (one
                       INFORMATION_SCHEMA.COLUMNS query per dataset; list: props-api sql --tables)
    bigquery.partitions  partition expiration (warns naming the endpoints that read the table) and
                       require_partition_filter (fails naming queries that do not filter)
  bucket.*             --bucket gs://NAME[/PREFIX]: exists, location, uniform access, CORS,
                       lifecycle, public read, no public write (as bucket-config sets them), and
                       write permission (a probe object under PREFIX/doctor-probe/, deleted after)
  feed.key             --feed http: the live feed accepts BALLDONTLIE_API_KEY (one request; the
                       key is never printed)

Options:
  --warehouse W        duckdb:PATH or bigquery (default: as a build resolves it)
  --bucket URL         gs://NAME[/PREFIX] of the published API
  --endpoint URL       GCS API endpoint, e.g. an emulator
  --origin URL[,URL]   website origins CORS must allow exactly (default: any)
  --feed F             sample | http (default: sample; env PROPS_API_FEED)
  --feed-url URL       balldontlie API base for --feed http
  --json               the results as JSON on stdout`;

export default defineCommand({
  name: 'doctor',
  summary: 'check credentials, warehouse tables, bucket settings and the live feed key before a first run',
  usage: USAGE,
  options: {
    ...WAREHOUSE_FLAG_OPTIONS, bucket: { type: 'string' }, endpoint: { type: 'string' }, origin: { type: 'string', multiple: true },
    feed: { type: 'string' }, 'feed-url': { type: 'string' }, json: { type: 'boolean' }, verbose: { type: 'boolean' },
  },
  async run({ values }) {
    const options = doctorOptions(values);
    const endpoint = stringFlag(values, 'endpoint');
    const storage = createStorageClient(endpoint ? { endpoint } : {});
    const results = await runDoctor(options, { auth: storage.authClient, storage });
    const failed = results.some((r) => r.status === 'fail');
    process.stdout.write(values.json === true ? `${JSON.stringify({ ok: !failed, results }, null, 2)}\n` : `${formatResults(results)}\n${summarise(results)}\n`);
    return failed ? 1 : 0;
  },
});

/** Flags → doctor options. A warehouse that does not resolve becomes a `fail` line, not an error, so the other checks still run. */
export function doctorOptions(values: CommandArgs['values']): DoctorOptions {
  const feed = stringFlag(values, 'feed');
  if (feed !== undefined && !(LIVE_FEED_KINDS as readonly string[]).includes(feed)) throw invalidOption('--feed', '`sample` or `http`', feed);
  const feedUrl = stringFlag(values, 'feed-url');
  let warehouse: DoctorWarehouse;
  let resolved: { feed: string; feedUrl: string } = { feed: feed ?? DEFAULT_OPTIONS.feed, feedUrl: feedUrl ?? DEFAULT_OPTIONS.feedUrl };
  try {
    const options = resolveOptions({ ...warehouseOptionsFromFlags(values), feed: feed as 'http' | undefined, feedUrl });
    resolved = options;
    warehouse = options.warehouse === 'bigquery' ? { kind: 'bigquery', bigquery: options.bigquery! } : { kind: 'duckdb', path: options.warehouse.replace(/^duckdb:/, '') };
  } catch (error) {
    warehouse = { kind: 'invalid', error };
  }
  const bucketUrl = stringFlag(values, 'bucket');
  const location = bucketUrl === undefined ? undefined : parseBucketUrl(bucketUrl);
  if (location && location.kind !== 'gcs') throw invalidOption('--bucket', 'a gs:// bucket (a local directory has no bucket settings to check)', bucketUrl);
  const origins = values.origin === undefined ? undefined : parseOrigins(values.origin as string[]);
  return {
    registry: exporters,
    warehouse,
    ...(location?.kind === 'gcs' ? { bucket: { name: location.bucket, prefix: location.prefix, origins } } : {}),
    ...(resolved.feed === 'http' ? { feed: { baseUrl: resolved.feedUrl, apiKey: resolveFeedApiKey() } } : {}),
  };
}
