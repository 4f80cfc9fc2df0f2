/**
 * A live build for dates that leave out the live night (issue 18): it says which live endpoints
 * it would skip, why, and what the live night is, and fails with `LiveNightExcluded` having
 * written nothing, unless it is a dry run; a backfill that only happens to include the live
 * endpoints skips them (spec R-14) and says so. The night is 2025-03-15: the as-of is 22:45 ET.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { liveFeed } from '../../../exporters/live/live-feed-input.ts';
import { main } from '../../../pipeline/cli.ts';
import { ExportError, formatErrorChain } from '../../../pipeline/errors.ts';
import { createMemoryLogger } from '../../../pipeline/logger.ts';
import { createFixedClock } from '../../../pipeline/ports.ts';
import { runBuild } from '../../../pipeline/run-build.ts';
import { withDuckDBFile } from '../../../pipeline/sample-league/duckdb-file.ts';
import { AS_OF, BASE_TABLES, NIGHT, feedAt2245 } from '../../exporters/live/fixtures.ts';
import { createCaseWarehouse } from '../../helpers/case-warehouse.ts';
import { createFakeWarehouse } from '../../helpers/fake-warehouse.ts';
import { createStaticLiveFeed } from '../../helpers/live-feed.ts';
import { toyExporter, writeToySchemas } from '../../helpers/toy-exporters.ts';
import { exporters } from '../../../exporters/index.ts';

const PAST = '2025-03-10';
let dir: string;
beforeAll(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'live-night-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });
afterEach(() => { vi.restoreAllMocks(); });

const entries = async (outDir: string) => (await readdir(outDir).catch(() => [])).filter((d) => !d.startsWith('.'));

describe('build --trigger live for a date outside the live night', () => {
  test('fails with LiveNightExcluded naming the skipped endpoints, the night and the dates; no poll, nothing written', async () => {
    const warehouse = await createCaseWarehouse(BASE_TABLES);
    const feed = createStaticLiveFeed([]);
    const outDir = path.join(dir, 'refused');
    try {
      const error = await runBuild({ registry: exporters, trigger: 'live', dates: [PAST], outDir, warehouseAdapter: warehouse, liveFeed: feed, clock: createFixedClock(AS_OF) }).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(ExportError);
      expect((error as ExportError).code).toBe('LiveNightExcluded');
      const text = formatErrorChain(error);
      expect(text).toContain('`live.scores`, `live.grading` build only the live night, 2025-03-15 (the game night of as-of 2025-03-16T02:45:00Z), which the dates 2025-03-10 leave out; nothing was written');
      expect(text).toMatch(/hint: Drop --date\/--from\/--to to build the live night, or include 2025-03-15\./);
      expect(feed.polls).toBe(0);
      expect(await entries(outDir)).toEqual([]);
    } finally {
      await warehouse.close();
    }
  });

  test('--only naming the live family is a live build too; a range is described by its ends', async () => {
    const warehouse = await createCaseWarehouse(BASE_TABLES);
    try {
      const error = await runBuild({ registry: exporters, only: ['live'], dates: ['2025-03-01', '2025-03-02', '2025-03-03'], outDir: path.join(dir, 'only'), warehouseAdapter: warehouse, liveFeed: createStaticLiveFeed([]), clock: createFixedClock(AS_OF) }).then(() => undefined, (e: unknown) => e);
      expect(formatErrorChain(error)).toContain('[LiveNightExcluded]');
      expect(formatErrorChain(error)).toContain('which the dates 2025-03-01 … 2025-03-03 (3 dates) leave out');
    } finally {
      await warehouse.close();
    }
  });

  test('dates that include the live night build its files', async () => {
    const warehouse = await createCaseWarehouse(BASE_TABLES);
    try {
      const summary = await runBuild({ registry: exporters, trigger: 'live', dates: [PAST, NIGHT], outDir: path.join(dir, 'night'), warehouseAdapter: warehouse, liveFeed: createStaticLiveFeed(feedAt2245()), clock: createFixedClock(AS_OF) });
      expect(summary.manifest!.files.map((f) => f.path)).toEqual(expect.arrayContaining([`v1/live/${NIGHT}.json`, `v1/live-grading/${NIGHT}.json`]));
    } finally {
      await warehouse.close();
    }
  });
});

describe('the CLI', () => {
  const output = () => {
    const err: string[] = [];
    const out: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    return () => err.join('') + out.join('');
  };

  async function emptyWarehouse(): Promise<string> {
    const file = path.join(dir, 'empty.duckdb');
    await withDuckDBFile(file, { readOnly: false }, async () => {}); // no tables: planning reads none
    return `duckdb:${file}`;
  }

  test('exits non-zero with the coded error; --dry-run reports the same and exits 0', async () => {
    const warehouse = await emptyWarehouse();
    const outDir = path.join(dir, 'cli');
    const args = ['build', '--trigger', 'live', '--date', PAST, '--as-of', AS_OF, '--warehouse', warehouse, '--out', outDir];
    let printed = output();
    expect(await main(args)).toBe(1);
    expect(printed()).toMatch(/✖ \[LiveNightExcluded\] A live build for these dates builds no live file: `live\.scores`, `live\.grading` build only the live night, 2025-03-15/);
    expect(await entries(outDir)).toEqual([]);
    vi.restoreAllMocks();
    printed = output();
    expect(await main([...args, '--dry-run'])).toBe(0);
    expect(printed()).toMatch(/warning: a live build for these dates builds no live file: `live\.scores`, `live\.grading` build only the live night, 2025-03-15 .*which the dates 2025-03-10 leave out/);
    expect(await entries(outDir)).toEqual([]);
  });
});

describe('a backfill that includes live endpoints without asking for them', () => {
  test('builds the rest and says which live endpoints it skipped and why', async () => {
    const schemasDir = await writeToySchemas();
    const live = toyExporter({ id: 'toy.live', path: 'toy-live/{date}.json', aliases: [], triggers: ['live'], needs: [liveFeed], params: (ctx: { dates?: string[] }) => (ctx.dates?.includes(NIGHT) === false ? [] : [{ date: NIGHT }]) } as never);
    const logger = createMemoryLogger();
    const warehouse = createFakeWarehouse({ 'toy.daily': [{ game_date: PAST, player: 'a', points: 3 }] as never });
    const summary = await runBuild({ registry: [toyExporter(), live], dates: [PAST], schemasDir, outDir: path.join(dir, 'backfill'), warehouseAdapter: warehouse, logger, clock: createFixedClock(AS_OF) });
    expect(summary.manifest!.files.map((f) => f.path)).toEqual(['v1/schemas/toy/daily.schema.json', 'v1/toy/2025-03-10.json', 'v1/toy/latest.json']);
    expect(logger.lines).toContain('live endpoints skipped: `toy.live` builds only the live night, 2025-03-15 (the game night of as-of 2025-03-16T02:45:00Z), which the dates 2025-03-10 leave out');
  });
});
