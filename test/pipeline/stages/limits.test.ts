/**
 * Size limits (issue 18) on toy exporters, each at and just past a small limit: files per build
 * (at plan time before any query, and once a row-listed endpoint's files are known), characters
 * per string value of a row (before render), bytes per file (before the file is written). A
 * build past a limit fails with the limit's code and writes nothing: the out directory keeps
 * exactly the builds it had.
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ExportError, formatErrorChain } from '../../../pipeline/errors.ts';
import { createFixedClock, type WarehouseRow } from '../../../pipeline/ports.ts';
import { runBuild, type RunBuildOptions } from '../../../pipeline/run-build.ts';
import { createFakeWarehouse } from '../../helpers/fake-warehouse.ts';
import { toyExporter, writeToySchemas } from '../../helpers/toy-exporters.ts';

let schemasDir: string;
beforeAll(async () => { schemasDir = await writeToySchemas(); });

const ROWS = [
  { game_date: '2025-03-13', player: 'alpha', points: 10 },
  { game_date: '2025-03-14', player: 'alpha', points: 12 },
  { game_date: '2025-03-14', player: 'bravo', points: 7 },
];

/** Renders recorded here: a build that fails on its rows must never render. */
let rendered: string[] = [];
const recordingToy = () => toyExporter({
  render: (rows: readonly { points: number }[], params: { date: string }, ctx: { generatedAt: string }) => (rendered.push(params.date), { date: params.date, generated_at: ctx.generatedAt, total: rows.reduce((s, r) => s + r.points, 0) }),
});

/** One file per distinct `player` of the rows (`toy/players/{player}.json`), no alias. */
const perPlayer = () => toyExporter({
  id: 'toy.player', path: 'toy/players/{player}.json', aliases: [], params: () => [], partitionBy: { player: 'player' },
  paramsFromRows: (rows: readonly { player: string }[]) => [...new Set(rows.map((r) => r.player))].sort().map((player) => ({ player })),
  render: (rows: readonly { points: number }[], params: { player: string }, ctx: { generatedAt: string }) => ({ date: params.player, generated_at: ctx.generatedAt, total: rows.reduce((s, r) => s + r.points, 0) }),
});

const dirs: string[] = [];
const newOutDir = async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'limits-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function build(options: Partial<RunBuildOptions> & { rows?: WarehouseRow[] }) {
  const outDir = options.outDir ?? (await newOutDir());
  const rows = (options.rows ?? ROWS) as never;
  const warehouse = createFakeWarehouse({ 'toy.daily': rows, 'toy.player': rows });
  rendered = [];
  const run = runBuild({ registry: [recordingToy()], schemasDir, warehouseAdapter: warehouse, clock: createFixedClock('2025-03-15T16:00:00Z'), dates: ['2025-03-14'], ...options, outDir });
  const outcome = await run.then((summary) => summary, (error: unknown) => error);
  return { outcome, warehouse, outDir };
}

/** The failure of a build, and its only job failure (a single failure is thrown as it is, several in a BuildFailed). */
function failureOf(outcome: unknown, code: string): ExportError {
  expect(outcome, 'the build must fail').toBeInstanceOf(ExportError);
  const failures = (outcome as { failures?: ExportError[] }).failures ?? [outcome as ExportError];
  expect(failures.map((f) => f.code)).toEqual([code]);
  return failures[0]!;
}

const entries = (dir: string) => readdir(dir);

describe('files per build (--max-files)', () => {
  test('a plan of exactly the limit builds; one file more fails before any query, naming count, limit and contributors', async () => {
    // Two dates + the latest alias: 3 files.
    const dates = ['2025-03-13', '2025-03-14'];
    const atLimit = await build({ dates, maxFiles: 3 });
    expect((atLimit.outcome as { manifest: { files: unknown[] } }).manifest.files).toHaveLength(3 + 1); // and the toy schema: published by every build, not counted by the limit

    const past = await build({ dates, maxFiles: 2 });
    const error = failureOf(past.outcome, 'TooManyFiles');
    expect(error.stage).toBe('plan');
    expect(error.message).toBe('the build would write 3 files, over the limit of 2 files per build (--max-files; most from toy.daily 3)');
    expect(error.hint).toMatch(/--from\/--to/);
    expect(error.hint).toContain('--max-files N (or PROPS_API_MAX_FILES=N)');
    expect(past.warehouse.calls).toEqual([]);
    expect(await entries(past.outDir)).toEqual([]);
  });

  test('files listed by query rows count with the planned ones, checked before anything is committed', async () => {
    // toy.daily: 1 date + alias = 2 planned; toy.player: alpha, bravo = 2 from rows. 4 in all.
    const registry = [toyExporter(), perPlayer()];
    const atLimit = await build({ registry, maxFiles: 4 });
    expect((atLimit.outcome as { manifest: { files: unknown[] } }).manifest.files).toHaveLength(4 + 1); // and the toy schema, not counted by the limit

    const past = await build({ registry, maxFiles: 3 });
    const error = failureOf(past.outcome, 'TooManyFiles');
    expect(error.message).toBe('the build would write 4 files, over the limit of 3 files per build (--max-files; most from toy.daily 2, toy.player 2)');
    expect(await entries(past.outDir)).toEqual([]);
  });
});

describe('characters per string value (--max-string-chars)', () => {
  test('a value of exactly the limit builds; one character more fails on arrival naming endpoint, row, field and length, and renders nothing', async () => {
    // A limit of 10: the dates (10 characters) are at the limit too.
    const rows = (player: string) => [ROWS[1]!, { game_date: '2025-03-14', player, points: 7 }];
    const atLimit = await build({ rows: rows('bravobravo'), maxStringChars: 10 });
    expect(atLimit.outcome).not.toBeInstanceOf(Error);

    const past = await build({ rows: rows('bravobravox'), maxStringChars: 10 });
    const error = failureOf(past.outcome, 'StringTooLong');
    expect(error.exporterId).toBe('toy.daily');
    expect(error.stage).toBe('query');
    expect(error.message).toBe('row 1 field `player` holds a string of 11 characters, starting "bravobravox"…, over the limit of 10 characters per value (--max-string-chars)');
    expect(error.hint).toContain('--max-string-chars N (or PROPS_API_MAX_STRING_CHARS=N)');
    expect(rendered).toEqual([]);
    expect(await entries(past.outDir)).toEqual([]);
  });

  test('strings inside list and JSON values count, and so do the keys of JSON objects', async () => {
    const row = (extra: Record<string, unknown>) => [{ ...ROWS[1]!, ...extra }];
    const limit = { maxStringChars: 10 };
    expect((await build({ rows: row({ tags: ['abc', 'abcdefghij'], meta: { abcdefghij: 'x' } }), ...limit })).outcome).not.toBeInstanceOf(Error);
    const list = failureOf((await build({ rows: row({ tags: ['abc', 'abcdefghijk'] }), ...limit })).outcome, 'StringTooLong');
    expect(list.message).toBe('row 0 field `tags` holds a string of 11 characters, over the limit of 10 characters per value (--max-string-chars)');
    const key = failureOf((await build({ rows: row({ meta: { nested: [{ abcdefghijkl: 1 }] } }), ...limit })).outcome, 'StringTooLong');
    expect(key.message).toContain('field `meta` holds a string of 12 characters');
  });
});

describe('bytes per file (--max-file-bytes)', () => {
  test('a file of exactly the limit builds; one byte over fails before it is written, and the out directory keeps only its earlier build', async () => {
    const first = await build({});
    const size = (await stat(path.join((first.outcome as { treeDir: string }).treeDir, 'v1/toy/2025-03-14.json'))).size;
    expect(size).toBeGreaterThan(40);
    expect(size).toBeLessThan(1000); // the messages below show it without a thousands separator

    const atLimit = await build({ maxFileBytes: size });
    const written = (atLimit.outcome as { manifest: { files: { bytes: number; exporter: string }[] } }).manifest.files.filter((f) => f.exporter === 'toy.daily'); // schemas are not payloads
    expect(written.length > 0 && written.every((f) => f.bytes <= size)).toBe(true);

    const before = await entries(first.outDir);
    expect(before).toHaveLength(1);
    const past = await build({ outDir: first.outDir, maxFileBytes: size - 1, rows: [{ ...ROWS[1]!, points: 13 }] });
    const error = failureOf(past.outcome, 'FileTooLarge');
    expect(error.stage).toBe('write');
    expect(formatErrorChain(error)).toContain(`[FileTooLarge] toy.daily → v1/toy/2025-03-14.json: the file would be ${size} bytes, over the limit of ${size - 1} bytes per file (--max-file-bytes)`);
    expect(error.hint).toContain('--max-file-bytes N (or PROPS_API_MAX_FILE_BYTES=N)');
    expect(await entries(first.outDir)).toEqual(before);
  });
});
