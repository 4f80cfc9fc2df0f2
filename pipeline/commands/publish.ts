/**
 * `props-api publish`: flags → `publishBuild` → one summary line (the plan first with --dry-run).
 */
import { invalidOption } from '../errors.ts';
import { createConsoleLogger } from '../logger.ts';
import type { Logger } from '../ports.ts';
import { formatBytes } from '../progress.ts';
import { BUCKET_FLAGS, BUCKET_FLAGS_USAGE, integerFlag, secondsSince, storeFromFlags, stringFlag } from '../publish/cli-options.ts';
import { resolveBuildDir } from '../publish/load-build.ts';
import { publishBuild, type PublishResult } from '../publish/publish-build.ts';
import { defineCommand } from './command.ts';

export const PUBLISH_USAGE = `Usage: props-api publish --bucket gs://NAME[/PREFIX] [options]

Publish a build atomically: upload new and changed files under builds/<buildId>/, copy them onto
the stable v1/... paths (leaves first, indexes and latest/today aliases after), prune files the
release drops, and replace v1/release.json last with a generation precondition. A publish that
died part-way is finished by the next one; of two racing publishers one stops with PublishConflict.
A live file newer than the build (by as-of) is kept, not replaced or deleted ("kept newer"; going
back is \`rollback\`), and a file that would replace another endpoint's path fails with PathCollision.

Options:
${BUCKET_FLAGS_USAGE}
  --build ID           the build under --out to publish (default: the newest)
  --tree DIR           a build directory to publish instead (holds manifest.json)
  --out DIR            output directory holding builds (default: out)
  --dry-run            print the plan (new / changed / unchanged / deleted / kept newer, with bytes);
                       touch nothing
  --max-deletes N      fail, deleting nothing, if the release would drop more than N files (default: 500)
  --allow-partial      publish a build whose report counts failed jobs; the build keeps failing
                       endpoints out of its manifest, so they keep their previous version
  --concurrency N      requests in flight (default: 16)
  -h, --help           show this help`;

export function formatPublishSummary(result: PublishResult, store: string, seconds: string): string {
  const { totals } = result;
  const recovered = result.interrupted && !result.dryRun ? ` (first finished the interrupted publish of build ${result.interrupted.build_id})` : '';
  const kept = totals.keptNewer > 0 ? `, kept newer: ${totals.keptNewer}` : '';
  if (!result.committed && !result.dryRun) {
    return `build ${result.buildId}: nothing to publish to ${store}, ${totals.unchanged} unchanged${kept}; ${result.requests} request(s); ${seconds}${recovered}`;
  }
  const counts = `${result.stage.uploaded} uploaded, ${result.copied} copied, ${totals.unchanged} unchanged, ${result.deleted} deleted${kept}`;
  return `published build ${result.buildId} to ${store}: ${counts}; ${formatBytes(result.stage.uploadedBytes)} uploaded; ${result.requests} request(s); ${seconds}${recovered}`;
}

/** One line per live file kept because it is newer than the build (a dry run lists them with the plan). */
export function formatKeptNewer(result: PublishResult): string[] {
  return result.plan.keptNewer.map((file) => `  kept newer ${file.path}: live as of ${file.liveAsOf}, build as of ${file.buildAsOf} (not ${file.instead === 'deleted' ? 'deleted' : 'replaced'})`);
}

export function printPlan(result: PublishResult, logger: Logger, verbose: boolean): void {
  if (result.interrupted) logger.info(`  (an interrupted publish of build ${result.interrupted.build_id} would be finished first)`);
  for (const file of result.plan.files) {
    if ((file.action === 'unchanged' && !verbose) || file.action === 'kept') continue;
    const why = file.reason === 'headers' ? ' (headers only)' : '';
    logger.info(`  ${file.action.padEnd(9)} ${file.path}  ${formatBytes(file.bytes)}${why}`);
  }
  formatKeptNewer(result).forEach((line) => logger.info(line));
  const t = result.totals;
  logger.info(`dry run of build ${result.buildId}: ${t.new} new, ${t.changed} changed, ${t.unchanged} unchanged, ${t.deleted} deleted, kept newer: ${t.keptNewer}; ${formatBytes(t.uploadBytes)} to upload; nothing was changed`);
}

export default defineCommand({
  name: 'publish',
  summary: 'publish a build to the bucket atomically (diff, stage, commit, prune)',
  usage: PUBLISH_USAGE,
  options: {
    ...BUCKET_FLAGS,
    build: { type: 'string' }, tree: { type: 'string' }, out: { type: 'string' },
    'dry-run': { type: 'boolean' }, 'max-deletes': { type: 'string' }, 'allow-partial': { type: 'boolean' }, concurrency: { type: 'string' },
  },
  async run({ values }) {
    const started = performance.now();
    const verbose = values.verbose === true;
    const logger = createConsoleLogger({ verbose });
    const buildId = stringFlag(values, 'build');
    const treeDir = stringFlag(values, 'tree');
    if (buildId !== undefined && treeDir !== undefined) throw invalidOption('--tree', 'used without --build', treeDir);
    // Every flag is checked before the first file or request.
    const options = {
      store: storeFromFlags(values),
      dryRun: values['dry-run'] === true,
      maxDeletes: integerFlag(values, 'max-deletes', 0),
      allowPartial: values['allow-partial'] === true,
      concurrency: integerFlag(values, 'concurrency', 1),
      progress: logger.progress,
    };
    const { store } = options;
    const result = await publishBuild({ ...options, treeDir: await resolveBuildDir({ buildId, treeDir, outDir: stringFlag(values, 'out') }) });
    if (result.dryRun) printPlan(result, logger, verbose);
    else logger.info(formatPublishSummary(result, store.description, secondsSince(started)));
    if (!result.dryRun) formatKeptNewer(result).forEach((line) => logger.info(line));
    return 0;
  },
});
