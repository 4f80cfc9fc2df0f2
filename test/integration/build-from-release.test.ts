/**
 * A build in a fresh checkout (empty out/) that takes the live release as its baseline behaves
 * like a rebuild on the publishing machine: unchanged content keeps its stamp and bytes, so the
 * publish uploads nothing; status-relevant endpoint history comes from the release.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { historyFromRelease } from '../../pipeline/build-history.ts';
import { createFsObjectStore } from '../../pipeline/adapters/fs-object-store.ts';
import { createFixedClock } from '../../pipeline/ports.ts';
import { readLiveRelease } from '../../pipeline/publish/live-release.ts';
import { publishBuild } from '../../pipeline/publish/publish-build.ts';
import { runBuild } from '../../pipeline/run-build.ts';
import { createFakeWarehouse } from '../helpers/fake-warehouse.ts';
import { toyExporter, writeToySchemas } from '../helpers/toy-exporters.ts';

const ROWS = [{ game_date: '2025-03-14', player: 'a', points: 12 }];

test('a later build in an empty out dir keeps stamps from the live release and publishes nothing', async () => {
  const schemasDir = await writeToySchemas();
  const bucket = createFsObjectStore({ root: await mkdtemp(path.join(os.tmpdir(), 'bucket-')) });
  const build = async (outDir: string, clockIso: string, baseline?: Awaited<ReturnType<typeof historyFromRelease>>) =>
    runBuild({ registry: [toyExporter()], schemasDir, outDir, warehouseAdapter: createFakeWarehouse({ 'toy.daily': ROWS as never }), clock: createFixedClock(clockIso), baseline });

  const first = await build(await mkdtemp(path.join(os.tmpdir(), 'out-a-')), '2025-03-15T10:00:00Z');
  const firstPublish = await publishBuild({ store: bucket, treeDir: first.treeDir!, clock: createFixedClock('2025-03-15T10:01:00Z') });
  expect(firstPublish.committed).toBe(true);

  const { manifest } = await readLiveRelease(bucket);
  const baseline = historyFromRelease(manifest, [toyExporter()]);
  expect(baseline.endpoints.get('toy.daily')).toEqual({ lastBuiltAt: '2025-03-15T10:00:00Z', dataAsOf: '2025-03-14' });

  const later = await build(await mkdtemp(path.join(os.tmpdir(), 'out-b-')), '2025-03-15T11:00:00Z', baseline);
  const doc = JSON.parse(await readFile(path.join(later.treeDir!, 'v1/toy/2025-03-14.json'), 'utf8'));
  expect(doc.generated_at).toBe('2025-03-15T10:00:00Z');
  const second = await publishBuild({ store: bucket, treeDir: later.treeDir!, clock: createFixedClock('2025-03-15T11:01:00Z') });
  expect(second.stage.uploaded).toBe(0);
  expect(second.totals.new + second.totals.changed).toBe(0);
});
