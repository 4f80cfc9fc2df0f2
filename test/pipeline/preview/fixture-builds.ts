/**
 * Two small builds for the preview tests: an older `daily` build and a newer `tonight` build that
 * rewrites one file (`systems/performance.json`) and adds another. Plus files that exist on disk
 * but in no manifest, each carrying `SECRET`, which no response may ever contain.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startPreviewServer, type PreviewServer } from '../../../pipeline/preview/preview-server.ts';
import { writeFakeBuild, type FakeBuildOptions } from '../../helpers/fake-out-dir.ts';
import { outDirTest } from '../../helpers/out-dir-test.ts';

export const SECRET = 'SECRET-not-in-any-manifest';

/** Large and repetitive enough that gzip clearly pays. */
export const RESULTS_BODY = { date: '2025-03-13', rows: Array.from({ length: 40 }, (_, i) => ({ player: `player-${i}`, points: i })) };

export const OLDER_BUILD: FakeBuildOptions = {
  id: '20250314T100000Z-daily',
  asOf: '2025-03-14T10:00:00Z',
  trigger: 'daily',
  files: [
    { path: 'v1/results/2025-03-13.json', body: RESULTS_BODY, exporter: 'results.daily', cache: 'daily' },
    { path: 'v1/results/latest.json', body: RESULTS_BODY, exporter: 'results.daily', cache: 'alias', aliasOf: 'v1/results/2025-03-13.json' },
    { path: 'v1/systems/performance.json', body: { version: 'old' }, exporter: 'systems.performance', cache: 'daily' },
  ],
};

export const NEWER_BUILD: FakeBuildOptions = {
  id: '20250314T180000Z-tonight',
  asOf: '2025-03-14T18:00:00Z',
  trigger: 'tonight',
  files: [
    { path: 'v1/predictions/2025-03-14.json', body: { date: '2025-03-14', players: [] }, exporter: 'predictions.daily', cache: 'tonight' },
    { path: 'v1/systems/performance.json', body: { version: 'new' }, exporter: 'systems.performance', cache: 'hourly' },
  ],
};

/** Writes both builds plus the decoy files next to them. */
export async function writeFixtureBuilds(outDir: string): Promise<void> {
  await writeFakeBuild(outDir, OLDER_BUILD);
  await writeFakeBuild(outDir, NEWER_BUILD);
  await writeFile(path.join(outDir, 'package.json'), JSON.stringify({ SECRET }));
  await writeFile(path.join(outDir, OLDER_BUILD.id, 'package.json'), JSON.stringify({ SECRET }));
  await mkdir(path.join(outDir, NEWER_BUILD.id, 'v1'), { recursive: true });
  await writeFile(path.join(outDir, NEWER_BUILD.id, 'v1', 'unlisted.json'), JSON.stringify({ SECRET }));
}

/** `outDirTest` plus `preview`: a server on a free loopback port over the fixture builds, closed after the test. */
export const previewTest = outDirTest.extend<{ preview: PreviewServer }>({
  preview: async ({ outDir }, use) => {
    await writeFixtureBuilds(outDir);
    const server = await startPreviewServer({ outDir, port: 0 });
    await use(server);
    await server.close();
  },
});
