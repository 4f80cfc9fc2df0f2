/**
 * `props-api bucket-config --bucket gs://NAME[/PREFIX] [--origin URL …] [--keep-days N] [--apply]`:
 * prints the CORS, lifecycle and access settings the published API needs; with --apply, sets
 * them (read-compare-write, so a second run changes nothing) and prints what changed.
 */
import { createStorageClient } from '../adapters/gcs-object-store.ts';
import { invalidOption } from '../errors.ts';
import { createConsoleLogger } from '../logger.ts';
import { applyBucketConfig, DEFAULT_KEEP_DAYS, DEFAULT_ORIGINS, desiredBucketConfig } from '../publish/bucket-config.ts';
import { BUCKET_FLAGS, BUCKET_FLAGS_USAGE, integerFlag, requiredFlag, stringFlag } from '../publish/cli-options.ts';
import { parseBucketUrl } from '../publish/open-store.ts';
import { defineCommand } from './command.ts';

export const BUCKET_CONFIG_USAGE = `Usage: props-api bucket-config --bucket gs://NAME[/PREFIX] [options]

Print the bucket settings the published API needs; with --apply, set them:
  - CORS: GET and HEAD from the website origins, exposing Content-Type and Cache-Control,
    preflight cached ${3600} s;
  - lifecycle: delete objects under PREFIX/builds/ after --keep-days days (staged copies and
    release records; a build can be rolled back to while they are kept);
  - uniform bucket-level access, and no IAM role above read for allUsers/allAuthenticatedUsers.

Options:
${BUCKET_FLAGS_USAGE}
  --origin URL         a website origin allowed by CORS; repeat for several
                       (default: ${DEFAULT_ORIGINS.join(', ')})
  --keep-days N        days to keep build prefixes (default: ${DEFAULT_KEEP_DAYS})
  --apply              change the bucket (otherwise only print)
  -h, --help           show this help`;

export default defineCommand({
  name: 'bucket-config',
  summary: 'print or apply the bucket CORS, lifecycle and access settings',
  usage: BUCKET_CONFIG_USAGE,
  options: { ...BUCKET_FLAGS, origin: { type: 'string', multiple: true }, 'keep-days': { type: 'string' }, apply: { type: 'boolean' } },
  async run({ values }) {
    const logger = createConsoleLogger({ verbose: values.verbose === true });
    const location = parseBucketUrl(requiredFlag(values, 'bucket', 'gs://NAME[/PREFIX]'));
    if (location.kind !== 'gcs') throw invalidOption('--bucket', 'a gs:// bucket (a local directory has no bucket settings)', values.bucket);
    const origins = (values.origin as string[] | undefined) ?? DEFAULT_ORIGINS;
    for (const origin of origins) if (!/^https?:\/\/[^/\s]+$/.test(origin)) throw invalidOption('--origin', 'an origin such as https://nbaprops.com (scheme and host, no path)', origin);
    const desired = desiredBucketConfig({ origins, keepDays: integerFlag(values, 'keep-days', 1) ?? DEFAULT_KEEP_DAYS, prefix: location.prefix });
    if (values.apply !== true) {
      process.stdout.write(`${JSON.stringify(desired, null, 2)}\n`);
      logger.info(`bucket-config for gs://${location.bucket}: printed, not applied (add --apply to set it)`);
      return 0;
    }
    const endpoint = stringFlag(values, 'endpoint');
    const bucket = createStorageClient(endpoint ? { endpoint } : {}).bucket(location.bucket);
    const changes = await applyBucketConfig(bucket, desired);
    for (const change of changes) logger.info(`  ${change.setting}: ${change.detail}`);
    logger.info(`bucket-config for gs://${location.bucket}: ${changes.length === 0 ? 'already as needed, nothing changed' : `${changes.length} setting(s) changed`}`);
    return 0;
  },
});
