/**
 * Size limits against the inputs of issue 18: a 50 MB player name in a real DuckDB table (it
 * built a 52 MB file with 8.4 GB of peak memory) and `--from 1900-01-01 --to 2100-12-31` (it
 * wrote 73,415 files per dated endpoint). Each fails with its coded error before anything is
 * written, naming what it must; the long string fails on arrival with bounded memory.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { exporters } from '../../exporters/index.ts';
import { ExportError, formatErrorChain } from '../../pipeline/errors.ts';
import { runBuild } from '../../pipeline/run-build.ts';
import { dateRange } from '../../pipeline/time.ts';
import { loadCase } from '../corpus/corpus-case.ts';
import { createCaseWarehouse } from '../helpers/case-warehouse.ts';
import { createFakeWarehouse } from '../helpers/fake-warehouse.ts';
import { useTally } from '../helpers/fault-tally.ts';

const tally = useTally('size-limits');
const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'props-api-limits-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

const STRING_CHARS = 50_000_000;
/**
 * Peak memory the failing build may add. Its own share is the 50 MB string read once from the
 * result (its bytes, then the text); before the limit the same build rendered, validated and
 * serialised it, and a full build reached 8.4 GB.
 */
const PEAK_GROWTH_BOUND_BYTES = 512 * 1024 ** 2;

describe('issue 18 inputs past the default limits', () => {
  test('a 50 MB player name in a DuckDB row fails on arrival, naming endpoint, row, field and length, with bounded memory; nothing is written', async () => {
    const loaded = loadCase('cases/very-long-player-name.json');
    const warehouse = await createCaseWarehouse(loaded.cleanTables);
    const outDir = await tempDir();
    try {
      await warehouse.connection.run(`UPDATE nba_reference.nba_players_registry SET player_name = repeat('x', ${STRING_CHARS}) WHERE player_lookup = 'golfseven'`);
      // maxRSS is the process's peak so far (kB): its growth across the build is the build's own peak.
      const peakBefore = process.resourceUsage().maxRSS * 1024;
      const outcome = await runBuild({ registry: exporters, only: ['results.daily'], asOf: loaded.asOf, outDir, warehouseAdapter: warehouse }).then(() => undefined, (e: unknown) => e);
      const peakGrowth = process.resourceUsage().maxRSS * 1024 - peakBefore;

      expect(outcome).toBeInstanceOf(ExportError);
      const failures = (outcome as { failures?: ExportError[] }).failures ?? [outcome as ExportError];
      expect(failures.map((f) => [f.code, f.stage, f.exporterId])).toEqual([['StringTooLong', 'query', 'results.daily']]);
      expect(formatErrorChain(outcome)).toMatch(/\[StringTooLong\] results\.daily: row \d+ field `player_full_name` holds a string of 50,000,000 characters, starting "x{24}"…, over the limit of 65,536 characters per value \(--max-string-chars\)/);
      expect(peakGrowth).toBeLessThan(PEAK_GROWTH_BOUND_BYTES);
      expect(await readdir(outDir)).toEqual([]);
      tally.add('badInputs');
    } finally {
      await warehouse.close();
    }
  });

  test('--from 1900-01-01 --to 2100-12-31 fails at plan time, before any query, naming the count, the limit and the biggest endpoints', async () => {
    // 201 years of 365 days and 49 leap days (1904…2096; 1900 and 2100 are not leap years).
    const days = 201 * 365 + 49;
    const dates = dateRange('1900-01-01', '2100-12-31');
    expect(dates).toHaveLength(days);
    const warehouse = createFakeWarehouse({});
    const outDir = await tempDir();
    const outcome = await runBuild({ registry: exporters, dates, trigger: 'daily', outDir, warehouseAdapter: warehouse, asOf: '2025-03-15' }).then(() => undefined, (e: unknown) => e);

    expect(outcome).toBeInstanceOf(ExportError);
    expect((outcome as ExportError).code).toBe('TooManyFiles');
    const printed = formatErrorChain(outcome);
    expect(printed).toMatch(/the build would write [\d,]+ files, over the limit of 20,000 files per build/);
    // One file a date, plus the endpoint's `latest` alias.
    expect(printed).toContain(`results.daily ${(days + 1).toLocaleString('en-US')}`);
    expect(printed).toContain('--from/--to');
    expect(printed).toContain('--max-files N (or PROPS_API_MAX_FILES=N)');
    expect(warehouse.calls).toEqual([]);
    expect(await readdir(outDir)).toEqual([]);
    tally.add('badInputs');
  });
});
