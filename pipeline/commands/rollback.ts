/**
 * `props-api rollback --bucket … --to BUILD_ID`: flags → `rollbackTo` → one summary line.
 */
import { createConsoleLogger } from '../logger.ts';
import { BUCKET_FLAGS, BUCKET_FLAGS_USAGE, integerFlag, requiredFlag, secondsSince, storeFromFlags } from '../publish/cli-options.ts';
import { rollbackTo } from '../publish/rollback.ts';
import { defineCommand } from './command.ts';

export const ROLLBACK_USAGE = `Usage: props-api rollback --bucket gs://NAME[/PREFIX] --to BUILD_ID [options]

Make a kept build's release live again, with exactly the bytes and headers it had: files that
differ are copied back from their staged copies, files it did not have are pruned, and
v1/release.json is replaced last, as in a publish. \`props-api releases\` lists the kept builds.

Options:
${BUCKET_FLAGS_USAGE}
  --to BUILD_ID        the build to restore (required)
  --dry-run            print what would change; touch nothing
  --max-deletes N      fail, deleting nothing, if more than N files would be removed (default: 500)
  -h, --help           show this help`;

export default defineCommand({
  name: 'rollback',
  summary: 'restore a kept build as the live release',
  usage: ROLLBACK_USAGE,
  options: { ...BUCKET_FLAGS, to: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'max-deletes': { type: 'string' } },
  async run({ values }) {
    const started = performance.now();
    const logger = createConsoleLogger({ verbose: values.verbose === true });
    const options = {
      store: storeFromFlags(values),
      buildId: requiredFlag(values, 'to', 'the id of a kept build (see `props-api releases`)'),
      dryRun: values['dry-run'] === true,
      maxDeletes: integerFlag(values, 'max-deletes', 0),
      progress: logger.progress,
    };
    const result = await rollbackTo(options);
    const t = result.totals;
    if (options.dryRun) {
      for (const file of result.diff.files) if (file.action !== 'unchanged') logger.info(`  ${file.action.padEnd(9)} ${file.path}`);
      logger.info(`dry run of rollback to ${result.buildId}: ${t.new + t.changed} to copy back, ${t.deleted} to delete, ${t.unchanged} unchanged; nothing was changed`);
    } else if (!result.committed) {
      logger.info(`build ${result.buildId} is already live on ${options.store.description}; nothing to do; ${result.requests} request(s); ${secondsSince(started)}`);
    } else {
      logger.info(`rolled back ${options.store.description} to build ${result.buildId}: ${result.copied} copied, ${t.unchanged} unchanged, ${result.deleted} deleted; ${result.requests} request(s); ${secondsSince(started)}`);
    }
    return 0;
  },
});
