/**
 * `props-api releases --bucket …`: the live release and the past ones, newest first, with time,
 * trigger, file counts and whether the build is still kept (restorable with `rollback --to`).
 */
import type { ListedRelease, ReleaseListing } from '../publish/list-releases.ts';
import { listReleases } from '../publish/list-releases.ts';
import { BUCKET_FLAGS, BUCKET_FLAGS_USAGE, storeFromFlags } from '../publish/cli-options.ts';
import { defineCommand } from './command.ts';

export const RELEASES_USAGE = `Usage: props-api releases --bucket gs://NAME[/PREFIX] [options]

List the releases the bucket remembers, newest first: when each went live, its build and
trigger, its file count and changes (+uploaded ~copied -deleted), and whether the build is still
kept (old build prefixes expire by the bucket's lifecycle rule). * marks the live release.

Options:
${BUCKET_FLAGS_USAGE}
  --json               print the listing as JSON
  -h, --help           show this help`;

export function formatReleases(listing: ReleaseListing): string[] {
  const lines: string[] = [];
  if (listing.pending) lines.push(`! build ${listing.pending.build_id} is mid-commit (the next publish finishes it)`);
  if (listing.releases.length === 0) return [...lines, 'no releases yet'];
  lines.push(`  ${'PUBLISHED'.padEnd(24)} ${'BUILD'.padEnd(36)} ${'TRIGGER'.padEnd(9)} ${'FILES'.padStart(6)}  ${'CHANGES'.padEnd(16)} KEPT`);
  for (const release of listing.releases) lines.push(formatRelease(release));
  return lines;
}

function formatRelease(release: ListedRelease): string {
  const { uploaded, copied, deleted } = release.changes;
  const changes = `+${uploaded} ~${copied} -${deleted}`;
  return `${release.live ? '*' : ' '} ${release.published_at.padEnd(24)} ${release.build_id.padEnd(36)} ${release.trigger.padEnd(9)} ${String(release.file_count).padStart(6)}  ${changes.padEnd(16)} ${release.kept ? 'yes' : 'expired'}`;
}

export default defineCommand({
  name: 'releases',
  summary: 'list live and past releases and which builds can be rolled back to',
  usage: RELEASES_USAGE,
  options: { ...BUCKET_FLAGS, json: { type: 'boolean' } },
  async run({ values }) {
    const listing = await listReleases(storeFromFlags(values));
    const text = values.json === true ? JSON.stringify(listing, null, 2) : formatReleases(listing).join('\n');
    process.stdout.write(`${text}\n`);
    return 0;
  },
});
