/**
 * What the publisher reads, it does not trust (issue 18): build trees and their manifests, and
 * the records it reads back from the bucket (the live release manifest with its pending list,
 * the release records a rollback restores). Each case below changes one thing and expects a
 * coded error with nothing written or deleted anywhere in the bucket (every object keeps its
 * generation). A publisher that trusted the input would stage, copy or delete something: publish
 * a symlinked secret, stage ~all of a tree before finding its last file edited, copy to paths
 * outside `v1/`, or delete a release record because a pending list named it.
 */
import { mkdir, mkdtemp, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import { CACHE_PRESETS } from '../../pipeline/cache-policy.ts';
import { PublishError, type ErrorCode } from '../../pipeline/errors.ts';
import { MANIFEST_FILE, type BuildManifest } from '../../pipeline/manifest.ts';
import type { ObjectStore } from '../../pipeline/ports.ts';
import { listReleases } from '../../pipeline/publish/list-releases.ts';
import { resolveBuildDir } from '../../pipeline/publish/load-build.ts';
import { publishBuild } from '../../pipeline/publish/publish-build.ts';
import { RELEASE_MANIFEST_PATH, releaseRecordName, type ReleaseManifest, type ReleaseRecord } from '../../pipeline/publish/release-manifest.ts';
import { rollbackTo } from '../../pipeline/publish/rollback.ts';
import { bucketGenerations } from '../helpers/bucket-audit.ts';
import { sha256Hex } from '../helpers/fake-out-dir.ts';
import { useTally } from '../helpers/fault-tally.ts';
import { openTestStore, seededGcsState, startTestGcs } from '../helpers/gcs-bucket.ts';
import type { GcsTestServer } from '../helpers/gcs-server/gcs-server.ts';
import type { GcsState } from '../helpers/gcs-server/gcs-state.ts';
import { sampleTree, writeBuild, type WrittenBuild } from '../helpers/publish-trees.ts';
import { bucketObjects, decodedBody, liveReleaseManifest } from '../helpers/release-checks.ts';

const tally = useTally('untrusted-inputs');
/** This case's loopback server: a fresh one per case, from a copy of a bucket seeded once. */
let server: GcsTestServer;
let outDir = '';
let cases = 0;
beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'props-api-untrusted-'));
});
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

/** The bucket after `publish` ran on an empty one, computed once per key. */
const seeds = new Map<string, Promise<GcsState>>();
function seededState(key: string, publish: (server: GcsTestServer) => Promise<void>): Promise<GcsState> {
  if (!seeds.has(key)) seeds.set(key, seededGcsState(publish));
  return seeds.get(key)!;
}

/** Makes `server` a fresh server holding a copy of `state`, closed when the test ends. */
async function useServer(state: GcsState): Promise<void> {
  const current = await startTestGcs(state);
  server = current;
  onTestFinished(() => current.close());
}

const codeOf = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: unknown) => (error instanceof PublishError ? error.code : String(error)));

/** Runs `act` and expects `code` with every object of the bucket exactly as before. */
async function expectRefusedUntouched(act: () => Promise<unknown>, code: ErrorCode): Promise<void> {
  const before = bucketGenerations(server);
  expect(await codeOf(act())).toBe(code);
  expect(bucketGenerations(server)).toEqual(before);
  tally.add('badInputs');
}

interface TreeCase {
  name: string;
  code: ErrorCode;
  /** Changes the freshly written build; the manifest is written back afterwards. */
  mutate(build: WrittenBuild, manifest: BuildManifest): Promise<void> | void;
}

const entry = (manifest: BuildManifest, treePath: string) => manifest.files.find((file) => file.path === treePath)!;

/** Bytes outside every build tree that a publish must never read. */
async function secretOutside(): Promise<Buffer> {
  const bytes = Buffer.from('{"password":"hunter2"}\n');
  await writeFile(path.join(outDir, 'secret.json'), bytes);
  return bytes;
}

const treeCases: TreeCase[] = [
  {
    name: 'a path listed twice, with different headers',
    code: 'DuplicatePath',
    mutate: (_build, manifest) => void manifest.files.push({ ...entry(manifest, 'v1/status.json'), cache: 'live', cache_control: CACHE_PRESETS.live }),
  },
  { name: 'build id ../v1', code: 'InvalidBuildId', mutate: (_build, manifest) => void (manifest.build.id = '../v1') },
  { name: 'a build id no build writes (b1)', code: 'InvalidBuildId', mutate: (_build, manifest) => void (manifest.build.id = 'b1') },
  {
    name: 'a listed file that is a symlink to a secret outside the tree (entry matching the secret)',
    code: 'UnsafeTreeFile',
    async mutate(build, manifest) {
      const secret = await secretOutside();
      const status = entry(manifest, 'v1/status.json');
      await rm(path.join(build.dir, status.path));
      await symlink(path.join(outDir, 'secret.json'), path.join(build.dir, status.path));
      Object.assign(status, { sha256: sha256Hex(secret), content_sha256: sha256Hex(secret), bytes: secret.length });
    },
  },
  {
    name: 'a directory of the tree that is a symlink leading out of it (same bytes)',
    code: 'UnsafeTreeFile',
    async mutate(build) {
      const elsewhere = path.join(outDir, `moved-${build.label}`);
      await rename(path.join(build.dir, 'v1/results'), elsewhere);
      await symlink(elsewhere, path.join(build.dir, 'v1/results'));
    },
  },
  {
    name: 'a listed path that is a directory',
    code: 'UnsafeTreeFile',
    async mutate(build, manifest) {
      await mkdir(path.join(build.dir, 'v1/results/2025-03-20.json'));
      manifest.files.push({ ...entry(manifest, 'v1/results/2025-03-10.json'), path: 'v1/results/2025-03-20.json' });
    },
  },
  {
    name: 'the last file to upload edited after the build (same size)',
    code: 'BuildTreeMismatch',
    async mutate(build) {
      const file = path.join(build.dir, 'v1/trends/hot-cold.json');
      await writeFile(file, (await readFile(file, 'utf8')).replace('"streak": 1', '"streak": 9'));
    },
  },
  {
    name: 'a file longer than its entry says (staged second to last)',
    code: 'BuildTreeMismatch',
    mutate: (build) => writeFile(path.join(build.dir, 'v1/status.json'), '{"version":2,"extra":true}\n'),
  },
];

describe('build trees and manifests: refused before the first request that changes the bucket', () => {
  test.for(treeCases)('$name → $code', async ({ code, mutate }) => {
    cases += 1;
    await useServer(
      await seededState('tree', async (seeder) => {
        await publishBuild({ store: openTestStore(seeder, { prefix: 'tree' }), treeDir: (await writeBuild(outDir, 'base', sampleTree())).dir });
      }),
    );
    const store = openTestStore(server, { prefix: 'tree' });
    // Every file changes, so a trusting publisher would stage them one by one (in path order).
    const bad = await writeBuild(outDir, `bad-${cases}`, sampleTree({ version: 2 }));
    const manifestPath = path.join(bad.dir, MANIFEST_FILE);
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as BuildManifest;
    await mutate(bad, manifest);
    await writeFile(manifestPath, JSON.stringify(manifest));
    await expectRefusedUntouched(() => publishBuild({ store, treeDir: bad.dir, concurrency: 1 }), code);
  });
});

interface Published {
  store: ObjectStore;
  prefix: string;
  /** Published first, then `live` over it; `next` is a newer build not yet published. */
  old: WrittenBuild;
  live: WrittenBuild;
  next: WrittenBuild;
}

interface BucketCase {
  name: string;
  code: ErrorCode;
  tamper?(bucket: Published): Promise<void>;
  /** @default publishing `next` */
  act?(bucket: Published): Promise<unknown>;
}

let builds: Pick<Published, 'old' | 'live' | 'next'>;

async function publishedBucket(): Promise<Published> {
  builds ??= {
    old: await writeBuild(outDir, 'old', sampleTree({ count: 3 })),
    live: await writeBuild(outDir, 'live', sampleTree({ version: 2, count: 3 })),
    next: await writeBuild(outDir, 'next', sampleTree({ version: 3, count: 2 })),
  };
  cases += 1;
  const prefix = 'bucket';
  await useServer(
    await seededState('bucket', async (seeder) => {
      await publishBuild({ store: openTestStore(seeder, { prefix }), treeDir: builds.old.dir });
      await publishBuild({ store: openTestStore(seeder, { prefix }), treeDir: builds.live.dir });
    }),
  );
  return { store: openTestStore(server, { prefix }), prefix, ...builds };
}

async function putJson(store: ObjectStore, name: string, value: unknown): Promise<void> {
  await store.write(name, Buffer.from(JSON.stringify(value)), { contentType: 'application/json', cacheControl: 'no-store' });
}

/** Rewrites the live manifest as something other than props-api might. */
async function tamperManifest(bucket: Published, change: (manifest: ReleaseManifest) => void): Promise<void> {
  const manifest = liveReleaseManifest(server, bucket.prefix)!;
  change(manifest);
  await putJson(bucket.store, RELEASE_MANIFEST_PATH, manifest);
}

/** The live manifest turned into an interrupted commit with `pending` copies and deletes. */
function committing(bucket: Published, pending: { copy?: (manifest: ReleaseManifest) => ReleaseManifest['files']; delete: string[] }) {
  return tamperManifest(bucket, (manifest) => {
    manifest.state = 'committing';
    manifest.pending = { release: { ...manifest.release!, publish_id: 'tampered' }, copy: pending.copy?.(manifest) ?? [], delete: pending.delete };
  });
}

async function tamperRecord(bucket: Published, buildId: string, change: (record: ReleaseRecord) => void): Promise<void> {
  const record = JSON.parse(decodedBody(bucketObjects(server, bucket.prefix).get(releaseRecordName(buildId))!).toString('utf8')) as ReleaseRecord;
  change(record);
  await putJson(bucket.store, releaseRecordName(buildId), record);
}

const first = (files: ReleaseManifest['files']) => files[0]!;

const bucketCases: BucketCase[] = [
  {
    name: 'live manifest lists a file outside v1/ (an unrelated object a complete endpoint would prune)',
    code: 'InvalidReleaseManifest',
    async tamper(bucket) {
      await putJson(bucket.store, 'notes/keep.json', { keep: true });
      await tamperManifest(bucket, (m) => void m.files.push({ ...first(m.files), path: 'notes/keep.json', source: `builds/${bucket.live.id}/notes/keep.json` }));
    },
  },
  { name: 'live manifest: a source outside builds/', code: 'InvalidReleaseManifest', tamper: (bucket) => tamperManifest(bucket, (m) => void (first(m.files).source = 'v1/status.json')) },
  { name: 'live manifest: a source holding another path', code: 'InvalidReleaseManifest', tamper: (bucket) => tamperManifest(bucket, (m) => void (first(m.files).source = `builds/${bucket.live.id}/v1/status.json`)) },
  { name: 'live manifest: the live release names build ../v1', code: 'InvalidReleaseManifest', tamper: (bucket) => tamperManifest(bucket, (m) => void (m.release!.build_id = '../v1')) },
  { name: 'pending.delete names a release record', code: 'InvalidReleaseManifest', tamper: (bucket) => committing(bucket, { delete: [releaseRecordName(bucket.old.id)] }) },
  {
    name: 'pending.delete names an unrelated object',
    code: 'InvalidReleaseManifest',
    async tamper(bucket) {
      await putJson(bucket.store, 'notes/keep.json', { keep: true });
      await committing(bucket, { delete: ['notes/keep.json'] });
    },
  },
  { name: 'pending.delete names v1/release.json', code: 'InvalidReleaseManifest', tamper: (bucket) => committing(bucket, { delete: [RELEASE_MANIFEST_PATH] }) },
  { name: 'pending.delete also lists a pending copy', code: 'InvalidReleaseManifest', tamper: (bucket) => committing(bucket, { copy: (m) => [first(m.files)], delete: [first(liveReleaseManifest(server, bucket.prefix)!.files).path] }) },
  {
    name: 'pending.copy writes outside v1/',
    code: 'InvalidReleaseManifest',
    tamper: (bucket) => committing(bucket, { copy: (m) => [{ ...first(m.files), path: 'site/index.html', source: `builds/${bucket.live.id}/site/index.html` }], delete: [] }),
  },
  {
    name: '`releases` with a history entry naming build ../v1',
    code: 'InvalidReleaseManifest',
    tamper: (bucket) => tamperManifest(bucket, (m) => void (m.history.at(-1)!.build_id = '../v1')),
    act: (bucket) => listReleases(bucket.store),
  },
  {
    name: 'rollback: the record lists a path outside v1/ (its staged source exists)',
    code: 'InvalidReleaseRecord',
    async tamper(bucket) {
      await putJson(bucket.store, `builds/${bucket.old.id}/outside/evil.json`, { evil: true });
      await tamperRecord(bucket, bucket.old.id, (r) => void r.files.push({ ...first(r.files), path: 'outside/evil.json', source: `builds/${bucket.old.id}/outside/evil.json` }));
    },
    act: (bucket) => rollbackTo({ store: bucket.store, buildId: bucket.old.id }),
  },
  {
    name: 'rollback: the record lists v1/release.json',
    code: 'InvalidReleaseRecord',
    tamper: (bucket) => tamperRecord(bucket, bucket.old.id, (r) => void (first(r.files).path = RELEASE_MANIFEST_PATH)),
    act: (bucket) => rollbackTo({ store: bucket.store, buildId: bucket.old.id }),
  },
  {
    name: 'rollback: a source that is a live path',
    code: 'InvalidReleaseRecord',
    tamper: (bucket) => tamperRecord(bucket, bucket.old.id, (r) => void (first(r.files).source = first(r.files).path)),
    act: (bucket) => rollbackTo({ store: bucket.store, buildId: bucket.old.id }),
  },
  {
    name: 'rollback: the record names another build',
    code: 'InvalidReleaseRecord',
    tamper: (bucket) => tamperRecord(bucket, bucket.old.id, (r) => void (r.build_id = bucket.live.id)),
    act: (bucket) => rollbackTo({ store: bucket.store, buildId: bucket.old.id }),
  },
  {
    name: 'rollback: the record lists a path twice',
    code: 'InvalidReleaseRecord',
    tamper: (bucket) => tamperRecord(bucket, bucket.old.id, (r) => void r.files.push({ ...first(r.files), cache_control: CACHE_PRESETS.live })),
    act: (bucket) => rollbackTo({ store: bucket.store, buildId: bucket.old.id }),
  },
  { name: 'rollback --to ../v1', code: 'InvalidBuildId', act: (bucket) => rollbackTo({ store: bucket.store, buildId: '../v1' }) },
  { name: 'publish --build ../v1', code: 'InvalidBuildId', act: () => resolveBuildDir({ buildId: '../v1', outDir: path.join(outDir, 'out') }) },
];

describe('records read back from the bucket: checked before a recovery, a rollback or a listing uses them', () => {
  test.for(bucketCases)('$name → $code', async ({ code, tamper, act }) => {
    const bucket = await publishedBucket();
    await tamper?.(bucket);
    await expectRefusedUntouched(() => (act ? act(bucket) : publishBuild({ store: bucket.store, treeDir: bucket.next.dir })), code);
  });
});
