import { describe, expect, test } from 'vitest';
import { CACHE_PRESETS } from '../../../pipeline/cache-policy.ts';
import { PlanError } from '../../../pipeline/errors.ts';
import type { BuildManifest } from '../../../pipeline/manifest.ts';
import { commitTier } from '../../../pipeline/publish/commit.ts';
import { contentEncodingFor, GZIP_MIN_BYTES } from '../../../pipeline/publish/object-headers.ts';
import { diffReleases, planPublish, planTotals, releaseEntry } from '../../../pipeline/publish/plan-publish.ts';
import type { ReleaseFile } from '../../../pipeline/publish/release-manifest.ts';
import { fakeFileBytes, manifestEntry, type FakeFile } from '../../helpers/fake-out-dir.ts';

/** Every endpoint of the build is `complete` unless listed in `incomplete`. */
function buildOf(id: string, trigger: BuildManifest['build']['trigger'], files: FakeFile[], incomplete: string[] = [], asOf = '2025-03-14T10:00:00Z'): BuildManifest {
  const entries = files.map((file) => manifestEntry(file, fakeFileBytes(file.body)));
  const exporters = [...new Set(entries.map((entry) => entry.exporter))];
  return {
    manifest_version: 1,
    build: { id, trigger, as_of: asOf, today: '2025-03-14', dates: null, query_count: 0, endpoint_count: exporters.length, file_count: entries.length, total_bytes: 0, warehouse: 'fake', sample_data: true, code_version: 't', schema_version: 't' },
    endpoints: exporters.map((exporter) => ({ exporter, schema: '', files: 0, data_as_of: '2025-03-14', complete: !incomplete.includes(exporter) })),
    files: entries,
  };
}

/** The previous release as a publish of `build` would have left it. */
function releaseOf(build: BuildManifest): ReleaseFile[] {
  return build.files.map((file) => releaseEntry(file, `builds/${build.build.id}/${file.path}`, build.build.as_of));
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
    expect(planTotals(plan)).toEqual({ new: 1, changed: 0, unchanged: 1, deleted: 1, keptNewer: 0, uploadBytes: plan.upload[0]!.bytes });
  });
});

const T = '2025-03-15T01:30:00Z';
const T1 = '2025-03-15T02:30:00Z';
const live = (name: string, body: object = { name }): FakeFile => ({ path: `v1/live/${name}.json`, body, exporter: 'live.scores', cache: 'live' });

describe('planPublish: never back in time, never sideways (#18)', () => {
  const liveAtT1 = () => releaseOf(buildOf('live-t1', 'live', [live('game-42', { v: 2 }), live('games', { v: 2 })], [], T1));

  test('a live file newer than the build is kept, neither replaced nor deleted; identical bytes stay unchanged', () => {
    const previous = [...releaseOf(buildOf('full-t0', 'all', [results('2025-03-13')], [], '2025-03-15T00:30:00Z')), ...liveAtT1()];
    const plan = planPublish(previous, buildOf('full-t', 'all', [results('2025-03-13', { v: 2 }), live('games', { v: 1 })], [], T));
    expect(plan.files.map((f) => [f.path, f.action])).toEqual([
      ['v1/live/game-42.json', 'kept'],
      ['v1/live/games.json', 'kept'],
      ['v1/results/2025-03-13.json', 'changed'],
    ]);
    expect(plan.keptNewer).toEqual([
      { path: 'v1/live/game-42.json', instead: 'deleted', liveAsOf: T1, buildAsOf: T },
      { path: 'v1/live/games.json', instead: 'changed', liveAsOf: T1, buildAsOf: T },
    ]);
    expect(plan.copy.map((f) => [f.path, f.as_of])).toEqual([['v1/results/2025-03-13.json', T]]);
    expect(plan.target.filter((f) => f.exporter === 'live.scores')).toEqual(previous.filter((f) => f.exporter === 'live.scores'));
    expect(planTotals(plan)).toMatchObject({ changed: 1, keptNewer: 2 });
    // Same bytes from the older build: unchanged, and the entry keeps its newer as-of.
    const same = planPublish(liveAtT1(), buildOf('full-t', 'all', [live('games', { v: 2 }), live('game-42', { v: 2 })], [], T));
    expect(same.files.map((f) => f.action)).toEqual(['unchanged', 'unchanged']);
    expect(same.target.map((f) => f.as_of)).toEqual([T1, T1]);
  });

  test('an equal as-of publishes as before', () => {
    const plan = planPublish(liveAtT1(), buildOf('live-t1b', 'live', [live('games', { v: 3 })], [], T1));
    expect(plan.files.map((f) => [f.path, f.action])).toEqual([['v1/live/game-42.json', 'deleted'], ['v1/live/games.json', 'changed']]);
    expect(plan.keptNewer).toEqual([]);
  });

  test('files of releases without as_of take the as-of in the id of the build that staged them, or are never kept', () => {
    const legacy = (source: string) => liveAtT1().map(({ as_of: _, ...file }) => ({ ...file, source: `builds/${source}/${file.path}` }));
    const older = buildOf('full-t', 'all', [live('games', { v: 1 }), live('game-42', { v: 1 })], [], T);
    expect(planPublish(legacy('20250315T023000Z-live-0123abcd'), older).keptNewer.map((f) => [f.path, f.liveAsOf])).toEqual([
      ['v1/live/game-42.json', T1],
      ['v1/live/games.json', T1],
    ]);
    expect(planPublish(legacy('hand-made'), older).files.map((f) => f.action)).toEqual(['changed', 'changed']);
  });

  test('a build file on a path another endpoint owns is a PathCollision naming both; a complete rebuild of the owner may hand it over', () => {
    const index: FakeFile = { path: 'v1/players/index.json', body: { players: [] }, exporter: 'players.index' };
    const profile: FakeFile = { path: 'v1/players/index.json', body: { slug: 'index' }, exporter: 'players.profile' };
    const previous = releaseOf(buildOf('weekly', 'weekly', [index]));
    const collide = () => planPublish(previous, buildOf('only-profile', 'weekly', [profile]));
    expect(collide).toThrow(PlanError);
    expect(collide).toThrow(/`v1\/players\/index\.json` is live as a file of `players\.index`; build only-profile would replace it with a file of `players\.profile`/);
    expect(() => collide()).toThrow(expect.objectContaining({ code: 'PathCollision', exporterId: 'players.profile', outputPath: 'v1/players/index.json' }));
    // players.index is built completely and no longer writes the path: the path moves.
    const moved = buildOf('moved', 'weekly', [profile, { ...index, path: 'v1/players/all.json' }]);
    expect(planPublish(previous, moved).files.map((f) => [f.path, f.action])).toEqual([['v1/players/all.json', 'new'], ['v1/players/index.json', 'changed']]);
  });

  test('is pure: frozen inputs, the same plan twice', () => {
    const previous = deepFreeze([...releaseOf(buildOf('full-t0', 'all', [results('2025-03-13')], [], '2025-03-15T00:30:00Z')), ...liveAtT1()]);
    const build = deepFreeze(buildOf('full-t', 'all', [results('2025-03-13', { v: 2 }), live('games', { v: 1 })], [], T));
    expect(planPublish(previous, build)).toEqual(planPublish(previous, build));
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') Object.values(value).forEach(deepFreeze);
  return Object.freeze(value);
}

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
