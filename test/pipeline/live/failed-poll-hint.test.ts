/**
 * Every hint is true (issue 18): the hint printed when the live feed fails says what `build` and
 * `live` each do then, and each does exactly that. Before, it said status.json marks the files
 * stale, which `build` never writes. The real HTTP adapter polls a loopback server that answers
 * HTTP 503; the night is the live family's fixture night (22:45 ET on 2025-03-15).
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { exporters } from '../../../exporters/index.ts';
import { createHttpLiveFeed } from '../../../pipeline/adapters/http-live-feed.ts';
import { formatErrorChain } from '../../../pipeline/errors.ts';
import { runLiveTick } from '../../../pipeline/live/live-tick.ts';
import { createMemoryLogger } from '../../../pipeline/logger.ts';
import { createFixedClock, type Warehouse } from '../../../pipeline/ports.ts';
import { runBuild } from '../../../pipeline/run-build.ts';
import { AS_OF, BASE_TABLES } from '../../exporters/live/fixtures.ts';
import { createCaseWarehouse } from '../../helpers/case-warehouse.ts';
import { startFeedServer, type FeedServer } from '../../helpers/live-feed-server.ts';

let dir: string;
let server: FeedServer;
let warehouse: Warehouse;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'failed-poll-'));
  server = await startFeedServer();
  server.play([{ status: 503 }]);
  warehouse = await createCaseWarehouse(BASE_TABLES);
});
afterAll(async () => {
  await warehouse.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const failingFeed = () => createHttpLiveFeed({ baseUrl: server.baseUrl, attempts: 1, sleep: async () => {} });

test('build: the hint says the build fails and writes nothing, and it writes nothing', async () => {
  const outDir = path.join(dir, 'build');
  const error = await runBuild({ registry: exporters, trigger: 'live', outDir, warehouseAdapter: warehouse, liveFeed: failingFeed(), clock: createFixedClock(AS_OF) }).then(() => undefined, (e: unknown) => e);
  const text = formatErrorChain(error);
  expect(text).toMatch(/\[LiveFeedUnavailable\] live\.scores/);
  expect(text).toContain('hint: Timeouts, HTTP 429 or 5xx and dropped connections are retried; when they persist, check balldontlie\'s status and the network. No live file is written from a failed poll, so the published live files stay as they are: `build` fails and writes nothing');
  expect(text).not.toMatch(/stale/);
  expect(text).toMatch(/ {2}hint: Fix the causes listed above and build again; nothing was written\.$/);
  expect((await readdir(outDir).catch(() => [])).filter((d) => !d.startsWith('.'))).toEqual([]);
});

test('live: a failed tick builds status.json alone, with the error code as the live endpoints\' last_error_code', async () => {
  const outDir = path.join(dir, 'live');
  const registry = exporters.filter((e) => e.triggers.includes('live'));
  const outcome = await runLiveTick(new Date(AS_OF), { warehouse, liveFeed: failingFeed(), outDir, logger: createMemoryLogger(), registry });
  expect(outcome.kind).toBe('failed');
  const treeDir = (outcome as { statusTreeDir?: string }).statusTreeDir!;
  const manifest = JSON.parse(await readFile(path.join(treeDir, 'manifest.json'), 'utf8')) as { files: { path: string; exporter: string }[] };
  expect(manifest.files.filter((f) => f.exporter !== 'schemas').map((f) => f.path), 'besides the schemas every build publishes').toEqual(['v1/status.json']);
  const status = JSON.parse(await readFile(path.join(treeDir, 'v1/status.json'), 'utf8')) as { endpoints: { exporter: string; last_error_code: string | null }[] };
  const codes = Object.fromEntries(status.endpoints.map((e) => [e.exporter, e.last_error_code]));
  expect(codes).toMatchObject({ 'live.scores': 'LiveFeedUnavailable', 'live.grading': 'LiveFeedUnavailable' });
});
