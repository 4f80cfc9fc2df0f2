/**
 * Eager option validation (one message template), refusal to overwrite without `force`, the
 * temp-file-and-rename contract, `readSampleMeta` on files that are not sample warehouses, and the
 * `props-api seed` command.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import seedCommand from '../../../pipeline/commands/seed.ts';
import { ConfigError, SeedError } from '../../../pipeline/errors.ts';
import { readSampleMeta, seedSampleWarehouse } from '../../../pipeline/sample-league/index.ts';
import { FAULT_SAMPLE } from '../../helpers/fault-sample.ts';
import { sharedSamplePath } from '../../helpers/shared-sample.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sample-league-options-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('option validation', () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ seasons: 0 }, 'Expected `seasons` to be an integer ≥ 1, got `0` (number)'],
    [{ seasons: 1.5 }, 'Expected `seasons` to be an integer ≥ 1, got `1.5` (number)'],
    [{ seasons: 31 }, 'Expected `seasons` to be an integer from 1 to 30, got `31` (number)'],
    [{ playersPerTeam: 5 }, 'Expected `playersPerTeam` to be an integer from 8 to 20, got `5` (number)'],
    [{ seed: -1 }, 'Expected `seed` to be an integer from 0 to 4294967295, got `-1` (number)'],
    [{ seed: '42' }, 'Expected `seed` to be an integer from 0 to 4294967295, got `42` (string)'],
    [{ asOf: '2025-3-15' }, 'Expected `asOf` to be a date `YYYY-MM-DD` between 2001 and 2098, got `2025-3-15` (string)'],
    [{ dbPath: '' }, 'Expected `dbPath` to be a non-empty file path, got `` (string)'],
    [{ force: 'yes' }, 'Expected `force` to be a boolean, got `yes` (string)'],
  ];
  it.each(cases)('rejects %j', async (bad, message) => {
    const error = await seedSampleWarehouse({ dbPath: join(dir, 'never.duckdb'), ...bad } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('InvalidOption');
    expect((error as ConfigError).message).toBe(message);
    expect(existsSync(join(dir, 'never.duckdb'))).toBe(false);
  });

  it('rejects an as-of date without regular-season games, naming the season window', async () => {
    const error = (await seedSampleWarehouse({ dbPath: join(dir, 'never.duckdb'), asOf: '2025-07-04' }).catch((e: unknown) => e)) as ConfigError;
    expect(error.message).toMatch(/^Expected `asOf` to be a regular-season game date \(2024-10-22 to 2025-04-13, except 2024-11-28, 2024-12-24, .*\), got `2025-07-04` \(string\)$/);
  });
});

describe('files', () => {
  it('refuses to overwrite without force, and overwrites with it through a temporary file', async () => {
    const dbPath = join(dir, 'small.duckdb');
    await copyFile(await sharedSamplePath('fault', FAULT_SAMPLE), dbPath); // a sample warehouse seeded with these options
    const error = (await seedSampleWarehouse({ dbPath, asOf: '2024-10-30', playersPerTeam: 8 }).catch((e: unknown) => e)) as SeedError;
    expect(error).toBeInstanceOf(SeedError);
    expect(error.code).toBe('SeedFailed');
    expect(error.hint).toContain('--force');
    const second = await seedSampleWarehouse({ dbPath, asOf: '2024-10-31', playersPerTeam: 8, seed: 3, force: true });
    expect(second.rowCounts['nba_analytics.player_game_summary']).toBeGreaterThan(0);
    expect((await readdir(dir)).filter((f) => f.includes('.tmp'))).toEqual([]);
    expect((await readSampleMeta(dbPath))?.asOf).toBe('2024-10-31');
    expect(second.seed).toBe(3);
  });

  it('reads no sample metadata from a missing file, a non-DuckDB path or a plain warehouse', async () => {
    expect(await readSampleMeta(join(dir, 'missing.duckdb'))).toBeNull();
    const plain = join(dir, 'plain.duckdb');
    const instance = await DuckDBInstance.create(plain);
    const connection = await instance.connect();
    await connection.run('CREATE TABLE t (x INTEGER)');
    connection.closeSync();
    instance.closeSync();
    expect(await readSampleMeta(plain)).toBeNull();
    await writeFile(join(dir, 'text.duckdb'), 'not a database');
    await expect(readSampleMeta(join(dir, 'text.duckdb'))).rejects.toThrow();
  });
});

describe('props-api seed', () => {
  it('seeds from flags and prints one summary line to stderr', async () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const code = await seedCommand.run({ values: { db: join(dir, 'cli.duckdb'), seed: '9', 'as-of': '2024-10-29', 'players-per-team': '8' }, positionals: [] });
      expect(code).toBe(0);
      const lines = write.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('seeded'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/seeded .*cli\.duckdb: [\d,]+ rows in 18 tables, seed 9, .* s/);
    } finally {
      write.mockRestore();
    }
    expect((await readdir(dir)).filter((f) => f.includes('.tmp')), 'a new file is written through a temporary one').toEqual([]);
    expect((await readSampleMeta(join(dir, 'cli.duckdb')))?.seed).toBe(9);
  });

  it('rejects a non-numeric flag with the option message', async () => {
    await expect(seedCommand.run({ values: { db: join(dir, 'x.duckdb'), seasons: 'two' }, positionals: [] })).rejects.toThrow('Expected `--seasons` to be an integer ≥ 0, got `two` (string)');
  });
});
