import { rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect } from 'vitest';
import type { BuildManifest } from '../../../pipeline/manifest.ts';
import { listLocalBuilds } from '../../../pipeline/out-dir.ts';
import { summarizeExporters } from '../../../pipeline/preview/index-page.ts';
import type { PreviewServer } from '../../../pipeline/preview/preview-server.ts';
import { createTreeSource, resolveTree } from '../../../pipeline/resolve-tree.ts';
import { writeFakeBuild } from '../../helpers/fake-out-dir.ts';
import { outDirTest } from '../../helpers/out-dir-test.ts';
import { NEWER_BUILD, OLDER_BUILD, RESULTS_BODY, previewTest, writeFixtureBuilds } from './fixture-builds.ts';

const test = previewTest;

const get = (preview: PreviewServer, treePath: string): Promise<Response> => fetch(new URL(treePath, preview.url));

describe('preview: overlay of builds', () => {
  test('a path listed by two builds is served from the newest one, with its headers', async ({ preview }) => {
    const res = await get(preview, 'v1/systems/performance.json');
    expect(await res.json()).toEqual({ version: 'new' });
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
  });

  test('paths only an older build lists are still served', async ({ preview }) => {
    const res = await get(preview, 'v1/results/2025-03-13.json');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(RESULTS_BODY);
  });

  test('a build written while the server runs is served on the next request, no restart', async ({ outDir, preview }) => {
    expect((await get(preview, 'v1/live/scores.json')).status).toBe(404);
    await writeFakeBuild(outDir, {
      id: '20250315T010000Z-live',
      asOf: '2025-03-15T01:00:00Z',
      trigger: 'live',
      files: [
        { path: 'v1/live/scores.json', body: { games: 3 }, exporter: 'live.scores', cache: 'live' },
        { path: 'v1/systems/performance.json', body: { version: 'newest' }, exporter: 'systems.performance' },
      ],
    });
    const live = await get(preview, 'v1/live/scores.json');
    expect(live.status).toBe(200);
    expect(live.headers.get('cache-control')).toBe('public, max-age=30');
    expect(await (await get(preview, 'v1/systems/performance.json')).json()).toEqual({ version: 'newest' });
    expect(((await (await get(preview, 'manifest.json')).json()) as BuildManifest).build.id).toBe('20250315T010000Z-live');
    expect(await (await get(preview, '')).text()).toContain('live.scores');
  });

  test('a removed build stops being served', async ({ outDir, preview }) => {
    await rm(path.join(outDir, NEWER_BUILD.id), { recursive: true });
    expect((await get(preview, 'v1/predictions/2025-03-14.json')).status).toBe(404);
    expect(await (await get(preview, 'v1/systems/performance.json')).json()).toEqual({ version: 'old' });
  });
});

describe('resolveTree and createTreeSource', () => {
  outDirTest('overlays oldest to newest and keeps which build serves each path', async ({ outDir }) => {
    await writeFixtureBuilds(outDir);
    const tree = resolveTree(await listLocalBuilds(outDir));
    expect(tree.newest?.id).toBe(NEWER_BUILD.id);
    expect([...tree.files.keys()].sort()).toEqual([
      'v1/predictions/2025-03-14.json',
      'v1/results/2025-03-13.json',
      'v1/results/latest.json',
      'v1/systems/performance.json',
    ]);
    expect(tree.files.get('v1/systems/performance.json')?.build.id).toBe(NEWER_BUILD.id);
    expect(tree.files.get('v1/results/latest.json')?.build.id).toBe(OLDER_BUILD.id);
  });

  outDirTest('re-reads only when the builds change', async ({ outDir }) => {
    await writeFakeBuild(outDir, OLDER_BUILD);
    const source = createTreeSource(outDir);
    const first = await source.current();
    expect(await source.current()).toBe(first);
    await writeFakeBuild(outDir, NEWER_BUILD);
    const second = await source.current();
    expect(second).not.toBe(first);
    expect(second.builds.map((b) => b.id)).toEqual([OLDER_BUILD.id, NEWER_BUILD.id]);
  });

  outDirTest('summarizeExporters groups by exporter, aliases first among examples', async ({ outDir }) => {
    await writeFixtureBuilds(outDir);
    const summaries = summarizeExporters(resolveTree(await listLocalBuilds(outDir)));
    expect(summaries.map((s) => [s.exporter, s.fileCount])).toEqual([
      ['predictions.daily', 1],
      ['results.daily', 2],
      ['systems.performance', 1],
    ]);
    expect(summaries[1]?.examples).toEqual(['v1/results/latest.json', 'v1/results/2025-03-13.json']);
    expect(summaries[1]?.cachePresets).toEqual(['alias', 'daily']);
  });
});
