/**
 * What stops a publish before it changes anything, and the protocol on the local-directory
 * store (the same code path a preview or a dry run against a copy uses).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { createFsObjectStore } from '../../../pipeline/adapters/fs-object-store.ts';
import { PublishError } from '../../../pipeline/errors.ts';
import { BUILD_REPORT_FILE, MANIFEST_FILE, type BuildManifest } from '../../../pipeline/manifest.ts';
import { parseBucketUrl } from '../../../pipeline/publish/open-store.ts';
import { publishBuild } from '../../../pipeline/publish/publish-build.ts';
import { RELEASE_MANIFEST_PATH } from '../../../pipeline/publish/release-manifest.ts';
import { outDirTest as it } from '../../helpers/out-dir-test.ts';
import { sampleTree, writeBuild } from '../../helpers/publish-trees.ts';

const codeOf = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: unknown) => (error instanceof PublishError ? error.code : String(error)));
const bucketDir = (outDir: string) => path.join(outDir, '.bucket');

describe('publish on the local-directory store', () => {
  it('publishes, then finds nothing to do', async ({ outDir }) => {
    const store = createFsObjectStore({ root: bucketDir(outDir) });
    const build = await writeBuild(outDir, 'b1', sampleTree());
    expect((await publishBuild({ store, treeDir: build.dir })).copied).toBe(build.files.length);
    const again = await publishBuild({ store, treeDir: build.dir });
    expect([again.committed, again.requests]).toEqual([false, 1]);
    expect(Buffer.from((await store.read('v1/results/2025-03-10.json'))!.body).toString()).toContain('2025-03-10');
  });
});

describe('publish gates', () => {
  it('a build whose report counts failed jobs publishes nothing unless --allow-partial', async ({ outDir }) => {
    const store = createFsObjectStore({ root: bucketDir(outDir) });
    const build = await writeBuild(outDir, 'b1', sampleTree());
    await writeFile(path.join(build.dir, BUILD_REPORT_FILE), JSON.stringify({ failed: 2 }));
    expect(await codeOf(publishBuild({ store, treeDir: build.dir }))).toBe('BuildNotPublishable');
    expect(store.requestCount()).toBe(0);
    expect(await codeOf(publishBuild({ store, treeDir: build.dir, allowPartial: true }))).toBe('resolved');
  });

  it('a file edited after the build is refused before anything is committed', async ({ outDir }) => {
    const store = createFsObjectStore({ root: bucketDir(outDir) });
    const build = await writeBuild(outDir, 'b1', sampleTree());
    await writeFile(path.join(build.dir, 'v1/status.json'), '{"edited":true}\n');
    expect(await codeOf(publishBuild({ store, treeDir: build.dir }))).toBe('BuildTreeMismatch');
    expect(await store.stat(RELEASE_MANIFEST_PATH)).toBeNull();
  });

  it('a build may not list the release manifest or a path outside v1/', async ({ outDir }) => {
    const store = createFsObjectStore({ root: bucketDir(outDir) });
    for (const bad of [RELEASE_MANIFEST_PATH, 'builds/x/v1/a.json', 'v1/../secrets.json']) {
      const build = await writeBuild(outDir, `bad-${bad.length}`, sampleTree());
      const manifestPath = path.join(build.dir, MANIFEST_FILE);
      const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as BuildManifest;
      manifest.files[0]!.path = bad;
      await writeFile(manifestPath, JSON.stringify(manifest));
      expect(await codeOf(publishBuild({ store, treeDir: build.dir }))).toBe('ReservedPath');
    }
  });

  it('a release manifest written by something else is reported, not overwritten', async ({ outDir }) => {
    const store = createFsObjectStore({ root: bucketDir(outDir) });
    await store.write(RELEASE_MANIFEST_PATH, Buffer.from('{"hello":1}'), { contentType: 'application/json', cacheControl: 'no-store' });
    const build = await writeBuild(outDir, 'b1', sampleTree());
    expect(await codeOf(publishBuild({ store, treeDir: build.dir }))).toBe('InvalidReleaseManifest');
    expect(Buffer.from((await store.read(RELEASE_MANIFEST_PATH))!.body).toString()).toBe('{"hello":1}');
  });
});

describe('parseBucketUrl', () => {
  it('reads gs:// buckets with optional prefixes and file:// directories; rejects the rest', () => {
    expect(parseBucketUrl('gs://props-api')).toEqual({ kind: 'gcs', bucket: 'props-api', prefix: '' });
    expect(parseBucketUrl('gs://props-api/site/staging/')).toEqual({ kind: 'gcs', bucket: 'props-api', prefix: 'site/staging' });
    expect(parseBucketUrl('file:///tmp/bucket')).toEqual({ kind: 'fs', root: '/tmp/bucket' });
    for (const bad of ['s3://x', 'gs://Bad_Bucket', 'gs://ok-bucket/a//b', 'gs://ok-bucket/../x']) expect(() => parseBucketUrl(bad)).toThrow(/Expected `--bucket`/);
  });
});
