import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { startPreviewServer } from '../../../pipeline/preview/preview-server.ts';
import { parseRequestPath } from '../../../pipeline/request-path.ts';
import { listLocalBuilds } from '../../../pipeline/out-dir.ts';
import { isSafeTreePath, resolveTree } from '../../../pipeline/resolve-tree.ts';
import { fakeFileBytes, manifestEntry, writeFakeBuild } from '../../helpers/fake-out-dir.ts';
import { outDirTest } from '../../helpers/out-dir-test.ts';
import { rawRequest } from '../../helpers/raw-http.ts';
import { OLDER_BUILD, previewTest, SECRET } from './fixture-builds.ts';

const test = previewTest;

/** Sent verbatim; each would reach a file outside the tree (or a non-manifest one) if decoded naively. */
const TRAVERSAL_TARGETS = [
  '/v1/../package.json',
  `/${OLDER_BUILD.id}/../package.json`,
  '/%2e%2e/%2e%2e/etc/passwd',
  '/%2E%2E/package.json',
  '/.%2e/package.json',
  '/v1/..%2fmanifest.json',
  '/v1/..%2Fpackage.json',
  '/v1/results%2Flatest.json',
  '/v1\\..\\package.json',
  '/v1/%5c..%5cpackage.json',
  '/v1/results/latest.json%00.txt',
  '/v1/./results/latest.json',
  '/v1/%E0%A4%A.json',
];

describe('preview: path traversal', () => {
  test.for(TRAVERSAL_TARGETS)('refuses %s with 400 and serves nothing', async (target, { preview }) => {
    const res = await rawRequest(preview.url, target);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.body.toString()).not.toContain(SECRET);
  });

  test('fetch-normalised traversal lands on a non-manifest path: 404, never the file', async ({ preview }) => {
    for (const target of ['v1/../package.json', '%2e%2e/%2e%2e/etc/passwd', 'v1\\..\\package.json']) {
      const res = await fetch(new URL(target, preview.url));
      expect(res.status, target).toBe(404);
      expect(await res.text()).not.toContain(SECRET);
    }
  });

  test('files on disk that no manifest lists are never served', async ({ preview }) => {
    for (const target of ['/package.json', `/${OLDER_BUILD.id}/package.json`, '/v1/unlisted.json', `/${OLDER_BUILD.id}/manifest.json`]) {
      const res = await rawRequest(preview.url, target);
      expect(res.status, target).toBe(404);
      expect(res.body.toString()).not.toContain(SECRET);
    }
  });
});

describe('preview: untrusted manifests', () => {
  outDirTest('a manifest entry pointing outside the build is not servable', async ({ outDir }) => {
    const outside = fakeFileBytes({ SECRET });
    await writeFile(path.join(outDir, 'outside.json'), outside);
    const tampered = manifestEntry({ path: '../outside.json', body: outside, exporter: 'results.daily' }, outside);
    await writeFakeBuild(outDir, { ...OLDER_BUILD, extraEntries: [tampered] });
    expect(resolveTree(await listLocalBuilds(outDir)).files.has('../outside.json')).toBe(false);
    const server = await startPreviewServer({ outDir, port: 0 });
    try {
      expect(await (await fetch(server.url)).text()).not.toContain('outside.json');
      for (const target of ['/../outside.json', '/outside.json', '/%2e%2e/outside.json']) {
        const res = await rawRequest(server.url, target);
        expect(res.status, target).toBeGreaterThanOrEqual(400);
        expect(res.body.toString()).not.toContain(SECRET);
      }
    } finally {
      await server.close();
    }
  });

  outDirTest('a listed file that is a symlink to outside the output directory is refused (500)', async ({ outDir }) => {
    const secretDir = `${outDir}-secret`;
    await mkdir(secretDir, { recursive: true });
    const bytes = fakeFileBytes({ SECRET });
    await writeFile(path.join(secretDir, 'secret.json'), bytes);
    await writeFakeBuild(outDir, { ...OLDER_BUILD, files: [{ path: 'v1/link.json', body: bytes, exporter: 'results.daily' }] });
    const linkPath = path.join(outDir, OLDER_BUILD.id, 'v1', 'link.json');
    // Same bytes as listed, so only the "stays inside outDir" check can refuse it.
    await rm(linkPath);
    await symlink(path.join(secretDir, 'secret.json'), linkPath);
    const server = await startPreviewServer({ outDir, port: 0 });
    try {
      const res = await rawRequest(server.url, '/v1/link.json');
      expect(res.status).toBe(500);
      expect(JSON.parse(res.body.toString())).toMatchObject({ code: 'PreviewFailed', path: 'v1/link.json' });
      expect(res.body.toString()).not.toContain(SECRET);
    } finally {
      await server.close();
      await rm(secretDir, { recursive: true, force: true });
    }
  });

  outDirTest('a file edited after the build no longer matches its ETag and is refused (500)', async ({ outDir }) => {
    await writeFakeBuild(outDir, OLDER_BUILD);
    await writeFile(path.join(outDir, OLDER_BUILD.id, 'v1/results/latest.json'), '{"edited":true}');
    const server = await startPreviewServer({ outDir, port: 0 });
    try {
      const res = await rawRequest(server.url, '/v1/results/latest.json');
      expect(res.status).toBe(500);
      expect(res.body.toString()).toContain('does not match its manifest');
    } finally {
      await server.close();
    }
  });
});

describe('parseRequestPath and isSafeTreePath', () => {
  test.for([
    ['/v1/results/latest.json', '/v1/results/latest.json'],
    ['/v1/players/jos%C3%A9.json?x=1', '/v1/players/josé.json'],
    ['/', '/'],
  ])('accepts %s as %s', ([raw, pathname]) => {
    expect(parseRequestPath(raw)).toEqual({ ok: true, pathname });
  });

  test.for(TRAVERSAL_TARGETS.concat(['v1/results.json', '', 'http://example.com/v1/x.json']))('refuses %s', (raw) => {
    expect(parseRequestPath(raw).ok).toBe(false);
  });

  test('manifest paths must be plain relative segments', () => {
    expect(isSafeTreePath('v1/results/latest.json')).toBe(true);
    for (const bad of ['../x.json', '/etc/passwd', 'v1//x.json', 'v1/./x.json', 'v1\\x.json', 'v1/x\u0000.json', '', 42]) {
      expect(isSafeTreePath(bad), String(bad)).toBe(false);
    }
  });
});
