import { describe, expect, test } from 'vitest';
import { CACHE_PRESETS } from '../../../pipeline/cache-policy.ts';
import type { BuildManifest } from '../../../pipeline/manifest.ts';
import { commitTier } from '../../../pipeline/publish/commit.ts';
import { contentEncodingFor, GZIP_MIN_BYTES } from '../../../pipeline/publish/object-headers.ts';
import { diffReleases, planPublish, planTotals, releaseEntry } from '../../../pipeline/publish/plan-publish.ts';
import type { ReleaseFile } from '../../../pipeline/publish/release-manifest.ts';
import { fakeFileBytes, manifestEntry, type FakeFile } from '../../helpers/fake-out-dir.ts';

/** Every endpoint of the build is `complete` unless listed in `incomplete`. */
function buildOf(id: string, trigger: BuildManifest['build']['trigger'], files: FakeFile[], incomplete: string[] = []): BuildManifest {
  const entries = files.map((file) => manifestEntry(file, fakeFileBytes(file.body)));
  const exporters = [...new Set(entries.map((entry) => entry.exporter))];
  return {
    manifest_version: 1,
    build: { id, trigger, as_of: '2025-03-14T10:00:00Z', today: '2025-03-14', dates: null, query_count: 0, endpoint_count: exporters.length, file_count: entries.length, total_bytes: 0, warehouse: 'fake', sample_data: true, code_version: 't', schema_version: 't' },
    endpoints: exporters.map((exporter) => ({ exporter, schema: '', files: 0, data_as_of: '2025-03-14', complete: !incomplete.includes(exporter) })),
    files: entries,
  };
}

/** The previous release as a publish of `build` would have left it. */
function releaseOf(build: BuildManifest): ReleaseFile[] {
  return build.files.map((file) => releaseEntry(file, `builds/${build.build.id}/${file.path}`));
}

const results = (date: string, body: object = { date }): FakeFile => ({ path: `v1/results/${date}.json`, body, exporter: 'results.daily' });
const trends = (name: string, body: object = { name }): FakeFile => ({ path: `v1/trends/${name}.json`, body, exporter: 'trends.hot-cold', cache: 'hourly' });

describe('planPublish', () => {
  test('a first publish uploads every file', () => {
    const plan = planPublish([], buildOf('b1', 'all', [results('2025-03-13'), trends('hot')]));
    expect(plan.files.map((f) => [f.path, f.action])).toEqual([
      ['v1/results/2025-03-13.json', 'new'],
      ['v1/trends/hot.json', 'new'],
    ]);
    expect(plan.upload.map((f) => f.source)).toEqual(['builds/b1/v1/results/2025-03-13.json', 'builds/b1/v1/trends/hot.json']);
  });

  test('identical bytes and headers are unchanged and keep their earlier staged source', () => {
    const first = buildOf('b1', 'all', [results('2025-03-13'), trends('hot')]);
    const plan = planPublish(releaseOf(first), buildOf('b2', 'all', [results('2025-03-13'), trends('hot')]));
    expect(plan.copy).toEqual([]);
    expect(plan.delete).toEqual([]);
    expect(plan.target.map((f) => f.source)).toEqual(['builds/b1/v1/results/2025-03-13.json', 'builds/b1/v1/trends/hot.json']);
  });

  test('changed bytes are re-published; a changed cache preset with identical bytes is re-published as a header change', () => {
    const first = buildOf('b1', 'all', [results('2025-03-13'), trends('hot')]);
    const second = buildOf('b2', 'all', [results('2025-03-13', { date: 'regraded' }), { ...trends('hot'), cache: 'weekly' }]);
    const plan = planPublish(releaseOf(first), second);
    expect(plan.files.map((f) => [f.path, f.action, f.reason])).toEqual([
      ['v1/results/2025-03-13.json', 'changed', 'bytes'],
      ['v1/trends/hot.json', 'changed', 'headers'],
    ]);
    expect(plan.upload.find((f) => f.path === 'v1/trends/hot.json')?.cache_control).toBe(CACHE_PRESETS.weekly);
  });

  test('a build for one trigger replaces only its own endpoints; other endpoints stay', () => {
    const first = buildOf('b1', 'all', [results('2025-03-13'), trends('hot'), trends('cold')]);
    const hourly = buildOf('b2', 'hourly', [trends('hot', { name: 'hot', v: 2 }), trends('cold')]);
    const plan = planPublish(releaseOf(first), hourly);
    expect(plan.target.map((f) => f.path)).toEqual(['v1/results/2025-03-13.json', 'v1/trends/cold.json', 'v1/trends/hot.json']);
    expect(plan.files.map((f) => f.action)).toEqual(['unchanged', 'unchanged', 'changed']);
    // trends.hot-cold is complete in this build and no longer produced cold.json: it is deleted, results stay.
    const partialPlan = planPublish(releaseOf(first), buildOf('b3', 'hourly', [trends('hot')]));
    expect(partialPlan.delete).toEqual(['v1/trends/cold.json']);
    expect(partialPlan.target.map((f) => f.path)).toEqual(['v1/results/2025-03-13.json', 'v1/trends/hot.json']);
  });

  test('only complete endpoints prune: dated history and endpoints missing from the build keep their files', () => {
    const first = buildOf('b1', 'all', [results('2025-03-12'), results('2025-03-13'), trends('hot')]);
    // A daily build of one date: results.daily is not complete, and trends is not in the build at all.
    const daily = buildOf('b2', 'all', [results('2025-03-14')], ['results.daily']);
    const plan = planPublish(releaseOf(first), daily);
    expect(plan.delete).toEqual([]);
    expect(plan.target.map((f) => f.path)).toEqual(['v1/results/2025-03-12.json', 'v1/results/2025-03-13.json', 'v1/results/2025-03-14.json', 'v1/trends/hot.json']);
  });

  test('totals count actions and upload bytes', () => {
    const first = buildOf('b1', 'all', [results('2025-03-13'), results('2025-03-12')]);
    const plan = planPublish(releaseOf(first), buildOf('b2', 'all', [results('2025-03-13'), results('2025-03-14')]));
    expect(planTotals(plan)).toEqual({ new: 1, changed: 0, unchanged: 1, deleted: 1, uploadBytes: plan.upload[0]!.bytes });
  });
});

describe('diffReleases', () => {
  test('a header-only difference is a change', () => {
    const [file] = releaseOf(buildOf('b1', 'all', [results('2025-03-13')]));
    const diff = diffReleases([file!], [{ ...file!, cache_control: 'public, max-age=1' }]);
    expect(diff.files).toEqual([{ path: file!.path, action: 'changed', reason: 'headers', bytes: file!.bytes }]);
  });
});

describe('encoding and commit order', () => {
  test('JSON of at least 1 KiB is gzip-encoded, smaller JSON and binary types are not', () => {
    expect(contentEncodingFor('application/json', GZIP_MIN_BYTES)).toBe('gzip');
    expect(contentEncodingFor('application/json; charset=utf-8', 5000)).toBe('gzip');
    expect(contentEncodingFor('application/json', GZIP_MIN_BYTES - 1)).toBeUndefined();
    expect(contentEncodingFor('image/png', 5000)).toBeUndefined();
  });

  test('leaves commit before indexes, aliases and status.json', () => {
    const tier = (path: string, aliasOf?: string) => commitTier({ path, alias_of: aliasOf } as ReleaseFile);
    expect([tier('v1/results/2025-03-13.json'), tier('v1/players/index.json'), tier('v1/results/latest.json', 'v1/results/2025-03-13.json'), tier('v1/tonight/today.json'), tier('v1/status.json')]).toEqual([0, 1, 2, 2, 3]);
  });
});
