/**
 * `props-api bucket-config --bucket gs://NAME[/PREFIX] [--origin URL …] [--keep-days N] [--public] [--apply]`:
 * prints the CORS, lifecycle and access settings the published API needs; with --apply, sets
 * them (read-compare-write, so a second run changes nothing) and prints what changed, ending
 * with whether the public can read the bucket's objects.
 */
import { createStorageClient } from '../adapters/gcs-object-store.ts';
import { invalidOption } from '../errors.ts';
import { createConsoleLogger } from '../logger.ts';
import { CORS_EXPOSED_HEADERS, CORS_MAX_AGE_SECONDS, DEFAULT_ORIGINS, parseOrigins } from '../cors-policy.ts';
import { applyBucketConfig, DEFAULT_KEEP_DAYS, desiredBucketConfig, PUBLIC_READ_ROLE } from '../publish/bucket-config.ts';
import { BUCKET_FLAGS, BUCKET_FLAGS_USAGE, integerFlag, requiredFlag, stringFlag } from '../publish/cli-options.ts';
import { parseBucketUrl } from '../publish/open-store.ts';
import { defineCommand } from './command.ts';

export const BUCKET_CONFIG_USAGE = `Usage: props-api bucket-config --bucket gs://NAME[/PREFIX] [options]

Print the bucket settings the published API needs; with --apply, set them:
  - CORS: GET and HEAD from the website origins, exposing ${CORS_EXPOSED_HEADERS.join(', ')},
    preflight cached ${CORS_MAX_AGE_SECONDS} s;
  - lifecycle: delete objects under PREFIX/builds/ after --keep-days days (staged copies and
    release records; a build can be rolled back to while they are kept);
  - uniform bucket-level access, and no IAM role above object read for allUsers or
    allAuthenticatedUsers;
  - with --public only: public read, ${PUBLIC_READ_ROLE} for allUsers, which a CDN origin
    or a browser reading the bucket directly needs. Without --public, public read is left as
    the bucket has it (neither granted nor removed); --apply says whether the bucket has it.

Options:
${BUCKET_FLAGS_USAGE}
  --origin URL[,URL]   website origins allowed by CORS; repeat or comma-separate
                       (default: ${DEFAULT_ORIGINS.join(', ')})
  --keep-days N        days to keep build prefixes (default: ${DEFAULT_KEEP_DAYS})
  --public             grant allUsers object read (${PUBLIC_READ_ROLE})
  --apply              change the bucket (otherwise only print)
  -h, --help           show this help`;

const HOW_TO_GRANT = `add --public to grant ${PUBLIC_READ_ROLE} to allUsers`;

export default defineCommand({
  name: 'bucket-config',
  summary: 'print or apply the bucket CORS, lifecycle and access settings (public read with --public)',
  usage: BUCKET_CONFIG_USAGE,
  options: { ...BUCKET_FLAGS, origin: { type: 'string', multiple: true }, 'keep-days': { type: 'string' }, public: { type: 'boolean' }, apply: { type: 'boolean' } },
  async run({ values }) {
    const logger = createConsoleLogger({ verbose: values.verbose === true });
    const location = parseBucketUrl(requiredFlag(values, 'bucket', 'gs://NAME[/PREFIX]'));
    if (location.kind !== 'gcs') throw invalidOption('--bucket', 'a gs:// bucket (a local directory has no bucket settings)', values.bucket);
    const origins = values.origin === undefined ? DEFAULT_ORIGINS : parseOrigins(values.origin as string[]);
    const publicRead = values.public === true;
    const desired = desiredBucketConfig({ origins, keepDays: integerFlag(values, 'keep-days', 1) ?? DEFAULT_KEEP_DAYS, prefix: location.prefix, publicRead });
    if (values.apply !== true) {
      process.stdout.write(`${JSON.stringify(desired, null, 2)}\n`);
      const read = publicRead ? `granted to allUsers (${PUBLIC_READ_ROLE})` : `not requested, left as the bucket has it (${HOW_TO_GRANT})`;
      logger.info(`bucket-config for gs://${location.bucket}: printed, not applied (add --apply to set it); public read: ${read}`);
      return 0;
    }
    const endpoint = stringFlag(values, 'endpoint');
    const bucket = createStorageClient(endpoint ? { endpoint } : {}).bucket(location.bucket);
    const { changes, publicRead: readable } = await applyBucketConfig(bucket, desired);
    for (const change of changes) logger.info(`  ${change.setting}: ${change.detail}`);
    const changed = changes.length === 0 ? 'already as needed, nothing changed' : `${changes.length} setting(s) changed`;
    const read = readable ? 'public read: allUsers may read objects' : `public read: NOT granted, only IAM members may read objects (${HOW_TO_GRANT})`;
    logger.info(`bucket-config for gs://${location.bucket}: ${changed}; ${read}`);
    return 0;
  },
});
