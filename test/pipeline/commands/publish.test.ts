/**
 * The publish-side CLI commands, run in-process against the loopback server: flags in, one
 * summary line out (stderr), listings on stdout.
 */
import { afterAll, afterEach, beforeAll, describe, expect, vi } from 'vitest';
import bucketConfig from '../../../pipeline/commands/bucket-config.ts';
import publish from '../../../pipeline/commands/publish.ts';
import releases from '../../../pipeline/commands/releases.ts';
import rollback from '../../../pipeline/commands/rollback.ts';
import type { CommandArgs } from '../../../pipeline/commands/command.ts';
import { ConfigError } from '../../../pipeline/errors.ts';
import { startTestGcs, TEST_BUCKET } from '../../helpers/gcs-bucket.ts';
import type { GcsTestServer } from '../../helpers/gcs-server/gcs-server.ts';
import { outDirTest as it } from '../../helpers/out-dir-test.ts';
import { expectedTree, sampleTree, writeBuild } from '../../helpers/publish-trees.ts';
import { stableTreeProblems } from '../../helpers/release-checks.ts';

let server: GcsTestServer;
beforeAll(async () => {
  server = await startTestGcs();
});
afterAll(() => server.close());
afterEach(() => vi.restoreAllMocks());

/** Runs a command and returns what it wrote to stdout and stderr. */
async function run(command: { run(args: CommandArgs): Promise<number> }, values: CommandArgs['values']) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk)) > 0);
  try {
    const code = await command.run({ values, positionals: [] });
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    vi.restoreAllMocks();
  }
}

describe('publish, releases and rollback commands', () => {
  it('publish defaults to the newest build in --out and prints a line per phase and one summary line', async ({ outDir }) => {
    const bucket = { bucket: `gs://${TEST_BUCKET}/cli`, endpoint: server.url };
    const b1 = await writeBuild(outDir, 'b1', sampleTree());
    const b2 = await writeBuild(outDir, 'b2', sampleTree({ version: 2 }));
    const dry = await run(publish, { ...bucket, out: outDir, 'dry-run': true });
    expect(dry.stderr).toMatch(/ new +v1\/results\/2025-03-10\.json/);
    expect(dry.stderr).toContain(`dry run of build ${b2.id}: 8 new, 0 changed, 0 unchanged, 0 deleted, kept newer: 0; `);
    expect(dry.stderr).toMatch(/nothing was changed/);
    await run(publish, { ...bucket, out: outDir, build: b1.id });
    const first = await run(publish, { ...bucket, out: outDir });
    expect(first.code).toBe(0);
    // One line per phase (stderr is not a terminal here), then the summary (issue 21).
    expect(first.stderr).toMatch(new RegExp(`^stage uploads: 8/8, [\\d.]+ k?B, [\\d.]+ s\\ncommit copies: 8/8, [\\d.]+ s\\npublished build ${b2.id} to gs:\/\/props-api-test\/cli: 8 uploaded, 8 copied, 0 unchanged, 0 deleted; [\\d.]+ k?B uploaded; \\d+ request\\(s\\); [\\d.]+ s\\n$`));
    expect(stableTreeProblems(server, expectedTree(b2.files), 'cli')).toEqual([]);
    const again = await run(publish, { ...bucket, out: outDir });
    expect(again.stderr).toMatch(new RegExp(`^build ${b2.id}: nothing to publish to .*, 8 unchanged; 1 request\\(s\\)`));
    // b1 is older than every live file: publishing it again changes nothing (rollback is the way back).
    const older = await run(publish, { ...bucket, out: outDir, build: b1.id });
    expect(older.stderr).toMatch(new RegExp(`^build ${b1.id}: nothing to publish to .*, 0 unchanged, kept newer: 8; 1 request\\(s\\)`));
    expect(older.stderr).toMatch(/\n {2}kept newer v1\/status\.json: live as of \S+, build as of \S+ \(not replaced\)\n/);
    const listing = await run(releases, bucket);
    expect(listing.stdout.split('\n').filter((line) => /^[* ] \d{4}/.test(line)).map((line) => line.slice(0, 1) + line.split(/\s+/).slice(2, 4).join(' '))).toEqual([`*${b2.id} all`, ` ${b1.id} all`]);
    const back = await run(rollback, { ...bucket, to: b1.id });
    expect(back.stderr).toMatch(new RegExp(`^commit copies: 8/8, [\\d.]+ s\\nrolled back gs://props-api-test/cli to build ${b1.id}: 8 copied, 0 unchanged, 0 deleted;`));
    expect(stableTreeProblems(server, expectedTree(b1.files), 'cli')).toEqual([]);
  });

  it('flags are validated before any request', async () => {
    server.resetCounts();
    await expect(run(publish, { bucket: `gs://${TEST_BUCKET}`, endpoint: server.url, 'max-deletes': '-1' })).rejects.toBeInstanceOf(ConfigError);
    await expect(run(publish, { bucket: 's3://nope' })).rejects.toThrow(/Expected `--bucket` to be gs:\/\/NAME/);
    await expect(run(rollback, { bucket: `gs://${TEST_BUCKET}`, endpoint: server.url })).rejects.toThrow(/--to/);
    expect(server.counts.total).toBe(0);
  });
});

describe('bucket-config command', () => {
  it('prints the settings without --apply; with --apply sets them once and removes public write access', async () => {
    const printed = await run(bucketConfig, { bucket: `gs://${TEST_BUCKET}/site` });
    expect(JSON.parse(printed.stdout)).toMatchObject({ lifecycleRule: { condition: { age: 30, matchesPrefix: ['site/builds/'] } } });
    const bucket = server.state.bucket(TEST_BUCKET);
    bucket.fields.lifecycle = { rule: [{ action: { type: 'Delete' }, condition: { age: 7, matchesPrefix: ['logs/'] } }] };
    bucket.iamPolicy.bindings = [
      { role: 'roles/storage.objectViewer', members: ['allUsers'] },
      { role: 'roles/storage.objectAdmin', members: ['allUsers', 'serviceAccount:publisher@p.iam.gserviceaccount.com'] },
    ];
    const applied = await run(bucketConfig, { bucket: `gs://${TEST_BUCKET}/site`, endpoint: server.url, apply: true, 'keep-days': '14', origin: ['https://nbaprops.com'] });
    expect(applied.stderr).toMatch(/4 setting\(s\) changed/);
    expect(bucket.fields.cors).toEqual([{ origin: ['https://nbaprops.com'], method: ['GET', 'HEAD'], responseHeader: ['Content-Type', 'Cache-Control', 'ETag', 'Content-Length', 'If-None-Match'], maxAgeSeconds: 3600 }]);
    expect(bucket.fields.lifecycle).toEqual({ rule: [{ action: { type: 'Delete' }, condition: { age: 7, matchesPrefix: ['logs/'] } }, { action: { type: 'Delete' }, condition: { age: 14, matchesPrefix: ['site/builds/'] } }] });
    expect(bucket.fields.iamConfiguration).toEqual({ uniformBucketLevelAccess: { enabled: true } });
    expect(bucket.iamPolicy.bindings).toEqual([
      { role: 'roles/storage.objectViewer', members: ['allUsers'] },
      { role: 'roles/storage.objectAdmin', members: ['serviceAccount:publisher@p.iam.gserviceaccount.com'] },
    ]);
    const again = await run(bucketConfig, { bucket: `gs://${TEST_BUCKET}/site`, endpoint: server.url, apply: true, 'keep-days': '14', origin: ['https://nbaprops.com'] });
    expect(again.stderr).toMatch(/already as needed, nothing changed/);
  });
});
