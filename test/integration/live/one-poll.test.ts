/**
 * One feed poll per build (issue 5, spec R-12): live scores and live grading render from the same
 * snapshot, and a build without a live endpoint never polls the feed.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { createFixedClock } from '../../../pipeline/ports.ts';
import { runBuild } from '../../../pipeline/run-build.ts';
import { AS_OF, BASE_TABLES, NIGHT, feedAt2245 } from '../../exporters/live/fixtures.ts';
import { createCaseWarehouse } from '../../helpers/case-warehouse.ts';
import { createStaticLiveFeed } from '../../helpers/live-feed.ts';
import { exporters } from '../../../exporters/index.ts';

test('both live endpoints share one poll; other builds make none', async () => {
  const warehouse = await createCaseWarehouse(BASE_TABLES);
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'live-one-poll-'));
  try {
    const feed = createStaticLiveFeed(feedAt2245());
    const summary = await runBuild({ registry: exporters, only: ['live'], outDir, warehouseAdapter: warehouse, liveFeed: feed, clock: createFixedClock(AS_OF) });
    expect(feed.polls).toBe(1);
    const read = async (file: string) => JSON.parse(await readFile(path.join(summary.treeDir!, file), 'utf8'));
    const scores = await read(`v1/live/${NIGHT}.json`);
    const grading = await read(`v1/live-grading/${NIGHT}.json`);
    expect([grading.summary.games_in_progress, grading.summary.games_final, grading.summary.games_scheduled]).toEqual([scores.games_in_progress, scores.games_final, scores.games_scheduled]);
    await runBuild({ registry: exporters, only: ['results.daily'], outDir, warehouseAdapter: warehouse, liveFeed: feed, clock: createFixedClock(AS_OF) });
    expect(feed.polls).toBe(1);
  } finally {
    await warehouse.close();
    await rm(outDir, { recursive: true, force: true });
  }
});
