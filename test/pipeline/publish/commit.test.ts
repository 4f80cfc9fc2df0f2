/**
 * Issue 20: a release keeps, for every file, the inputs digest of the build that wrote it, also
 * when the bytes stay (a rebuild from changed tables that gave the same bytes, or a rollback to a
 * release with the same bytes): the intent (and so the sealed release) takes the digests of the
 * target for the paths it does not rewrite.
 */
import { expect, test } from 'vitest';
import { intentManifest } from '../../../pipeline/publish/commit.ts';
import type { ReleaseFile, ReleaseInfo, ReleaseManifest } from '../../../pipeline/publish/release-manifest.ts';

const file = (path: string, inputs: string | undefined, sha = 'a'.repeat(64)): ReleaseFile => ({
  path, sha256: sha, bytes: 10, content_type: 'application/json', cache_control: 'public, max-age=60', cache: 'hourly',
  exporter: 'toy.daily', schema: 'toy', source: `builds/20250316T013000Z-all-00000000/${path}`, ...(inputs === undefined ? {} : { inputs }),
});
const release: ReleaseInfo = {
  build_id: '20250316T023000Z-hourly-11111111', trigger: 'hourly', as_of: '2025-03-16T02:30:00Z', published_at: '2025-03-16T02:31:00Z',
  publish_id: 'p2', file_count: 3, total_bytes: 30, changes: { uploaded: 1, copied: 1, deleted: 0 },
};
const previous: ReleaseManifest = {
  format: 1, state: 'committed', written_by: 'p1', release: null, pending: null, history: [],
  files: [file('v1/a.json', 'old-a'), file('v1/b.json', 'old-b'), file('v1/c.json', undefined)],
};

test('unchanged paths take the target digest; rewritten paths wait in pending with theirs', () => {
  const changed = file('v1/b.json', 'new-b', 'b'.repeat(64));
  const target = [file('v1/a.json', 'new-a'), changed, file('v1/c.json', undefined)];
  const intent = intentManifest(previous, { copy: [changed], delete: [], target }, release);
  expect(intent.files.map((f) => [f.path, f.inputs])).toEqual([['v1/a.json', 'new-a'], ['v1/c.json', undefined]]);
  expect(intent.files[0]!.source).toBe(previous.files[0]!.source); // same bytes: the staged copy it had
  expect(intent.pending!.copy).toEqual([changed]);
});

test('a target without a digest drops the old one (never a digest the live bytes were not built from)', () => {
  const intent = intentManifest(previous, { copy: [], delete: [], target: [file('v1/a.json', undefined), file('v1/b.json', 'old-b'), file('v1/c.json', undefined)] }, release);
  expect(intent.files.map((f) => 'inputs' in f)).toEqual([false, true, false]);
});
