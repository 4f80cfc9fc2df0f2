/**
 * Issue 6 acceptance: changing one warehouse row and rebuilding publishes only the files that
 * changed. Real pipeline on DuckDB (the results golden fixture), real GCS client on the loopback
 * server; the expected set of changed files is worked out by comparing the two build manifests.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { createFixedClock } from '../../pipeline/ports.ts';
import { publishBuild } from '../../pipeline/publish/publish-build.ts';
import { runBuild } from '../../pipeline/run-build.ts';
import { createCaseWarehouse } from '../helpers/case-warehouse.ts';
import { useLoopbackBucket } from '../helpers/gcs-bucket.ts';
import { AS_OF, TABLES } from '../exporters/results/fixtures.ts';
import { exporters } from '../../exporters/index.ts';

const bucket = useLoopbackBucket('warehouse-change');
const ONLY = ['results.daily', 'results.performance', 'results.best-bets'];

async function buildFrom(tables: typeof TABLES, outDir: string) {
  const warehouse = await createCaseWarehouse(tables);
  try {
    return await runBuild({ registry: exporters, only: ONLY, dates: ['2025-03-13', '2025-03-14'], outDir, warehouseAdapter: warehouse, clock: createFixedClock(AS_OF) });
  } finally {
    await warehouse.close();
  }
}

describe('rebuild after one warehouse row changes', () => {
  test('publishes exactly the files whose bytes changed', async () => {
    const outDir = await mkdtemp(path.join(os.tmpdir(), 'row-change-'));
    const before = await buildFrom(TABLES, outDir);
    await publishBuild({ store: bucket.store(), treeDir: before.treeDir!, clock: createFixedClock('2025-03-15T16:05:00Z') });

    // One graded row is re-graded: bravotwo scored 12, not 18 (his UNDER 15.5 now wins).
    const regraded = TABLES['nba_predictions.prediction_accuracy'].map((row) =>
      row.player_lookup === 'bravotwo' && row.system_id === 'ensemble_v1' ? { ...row, actual_points: 12, absolute_error: 1.5, signed_error: 1.5, prediction_correct: true } : row);
    const after = await buildFrom({ ...TABLES, 'nba_predictions.prediction_accuracy': regraded }, outDir);

    const oldHashes = new Map(before.manifest!.files.map((f) => [f.path, f.sha256]));
    const changed = after.manifest!.files.filter((f) => oldHashes.get(f.path) !== f.sha256).map((f) => f.path).sort();
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.length).toBeLessThan(after.manifest!.files.length);
    expect(changed).toContain('v1/results/2025-03-14.json');
    expect(changed).not.toContain('v1/results/2025-03-13.json');

    bucket.server.resetCounts();
    const result = await publishBuild({ store: bucket.store(), treeDir: after.treeDir!, clock: createFixedClock('2025-03-15T17:05:00Z') });
    expect(result.plan.files.filter((f) => f.action === 'changed' || f.action === 'new').map((f) => f.path).sort()).toEqual(changed);
    expect(result.stage.uploaded).toBe(changed.length);
    // Besides the changed files: the release record, and the release manifest twice (intent, then seal).
    expect(bucket.server.counts.byOperation['objects.insert'] ?? 0).toBe(changed.length + 3);
  });
});
