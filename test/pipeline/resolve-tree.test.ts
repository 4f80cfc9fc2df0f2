/**
 * The local live tree honours `complete` endpoints (issue 4): a newer build that marks an
 * endpoint complete owns all its files, so pages an older build wrote for players who no longer
 * qualify disappear from the preview, as the publisher prunes them from the bucket.
 */
import { describe, expect, test } from 'vitest';
import type { BuildManifest, ManifestFile } from '../../pipeline/manifest.ts';
import type { LocalBuild } from '../../pipeline/out-dir.ts';
import { resolveTree } from '../../pipeline/resolve-tree.ts';

function file(path: string, exporter: string): ManifestFile {
  return { path, sha256: 'x', bytes: 1, content_type: 'application/json', cache: 'weekly', cache_control: 'public, max-age=43200', exporter, schema: 's', content_sha256: 'y', generated_at: '2025-03-15T00:00:00Z' };
}

function build(id: string, asOf: string, files: ManifestFile[], endpoints: { exporter: string; complete: boolean }[]): LocalBuild {
  const manifest = {
    manifest_version: 1,
    build: { id, as_of: asOf },
    endpoints: endpoints.map((e) => ({ ...e, schema: 's', files: 0, data_as_of: '2025-03-15' })),
    files,
  } as unknown as BuildManifest;
  return { id, dir: `/tmp/${id}`, manifest, writtenAtMs: Date.parse(asOf) };
}

const OLD = build('b1', '2025-03-08T11:00:00Z', [
  file('v1/players/alpha.json', 'players.profile'),
  file('v1/players/retired.json', 'players.profile'),
  file('v1/results/2025-03-07.json', 'results.daily'),
], [{ exporter: 'players.profile', complete: true }, { exporter: 'results.daily', complete: false }]);

describe('resolveTree: complete endpoints', () => {
  test('a newer complete build of an endpoint drops the files only older builds list for it', () => {
    const weekly = build('b2', '2025-03-15T11:00:00Z', [file('v1/players/alpha.json', 'players.profile')], [{ exporter: 'players.profile', complete: true }]);
    const tree = resolveTree([OLD, weekly]);
    expect([...tree.files.keys()].sort()).toEqual(['v1/players/alpha.json', 'v1/results/2025-03-07.json']);
    expect(tree.files.get('v1/players/alpha.json')!.build.id).toBe('b2');
  });

  test('a partial build (not complete) only adds and replaces files', () => {
    const partial = build('b2', '2025-03-15T11:00:00Z', [file('v1/players/alpha.json', 'players.profile')], [{ exporter: 'players.profile', complete: false }]);
    expect([...resolveTree([OLD, partial]).files.keys()]).toContain('v1/players/retired.json');
  });

  test('files a later build adds after the complete one stay', () => {
    const weekly = build('b2', '2025-03-15T11:00:00Z', [], [{ exporter: 'players.profile', complete: true }]);
    const single = build('b3', '2025-03-16T11:00:00Z', [file('v1/players/rookie.json', 'players.profile')], [{ exporter: 'players.profile', complete: false }]);
    expect([...resolveTree([OLD, weekly, single]).files.keys()].sort()).toEqual(['v1/players/rookie.json', 'v1/results/2025-03-07.json']);
  });
});
