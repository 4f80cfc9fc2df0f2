/**
 * Pipeline stages on toy exporters and a fake warehouse: planning checks, one query per endpoint,
 * fan-out by partition, row contract errors, nothing written on failure, stamps kept when content
 * is unchanged, aliases.
 */
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { BuildFailedError, ExportError, formatErrorChain } from '../../pipeline/errors.ts';
import { createFixedClock } from '../../pipeline/ports.ts';
import { runBuild, type RunBuildOptions } from '../../pipeline/run-build.ts';
import { createFakeWarehouse } from '../helpers/fake-warehouse.ts';
import { toyExporter, writeToySchemas } from '../helpers/toy-exporters.ts';

let schemasDir: string;
beforeAll(async () => { schemasDir = await writeToySchemas(); });

const ROWS = [
  { game_date: '2025-03-13', player: 'a', points: 10 },
  { game_date: '2025-03-14', player: 'a', points: 12 },
  { game_date: '2025-03-14', player: 'b', points: 7 },
];

async function build(overrides: Partial<RunBuildOptions> & { rows?: Record<string, unknown>[] } = {}) {
  const outDir = overrides.outDir ?? (await mkdtemp(path.join(os.tmpdir(), 'pipeline-')));
  const warehouse = createFakeWarehouse({ 'toy.daily': (overrides.rows ?? ROWS) as never });
  const summary = await runBuild({ registry: [toyExporter()], schemasDir, outDir, warehouseAdapter: warehouse, clock: createFixedClock('2025-03-15T16:00:00Z'), ...overrides });
  return { summary, warehouse, outDir };
}

async function failure(promise: Promise<unknown>): Promise<ExportError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ExportError);
  return error as ExportError;
}

describe('build pipeline', () => {
  test('one query for a whole date range, one file per date plus the alias', async () => {
    const { summary, warehouse } = await build({ dates: ['2025-03-13', '2025-03-14'] });
    expect(warehouse.calls).toHaveLength(1);
    expect(warehouse.calls[0]!.params).toEqual({ from: '2025-03-13', to: '2025-03-14' });
    expect(summary.manifest!.build.query_count).toBe(1);
    const paths = summary.manifest!.files.map((f) => f.path);
    expect(paths).toEqual(['v1/schemas/toy/daily.schema.json', 'v1/toy/2025-03-13.json', 'v1/toy/2025-03-14.json', 'v1/toy/latest.json']);
    const latest = JSON.parse(await readFile(path.join(summary.treeDir!, 'v1/toy/latest.json'), 'utf8'));
    expect(latest.total).toBe(19); // the newest date: 12 + 7, from its own partition only
    expect(summary.manifest!.files.find((f) => f.path === 'v1/toy/latest.json')).toMatchObject({ alias_of: 'v1/toy/2025-03-14.json', cache: 'alias', cache_control: 'public, max-age=300' });
  });

  test('building twice gives byte-identical trees and manifests', async () => {
    const first = await build({ dates: ['2025-03-14'] });
    const second = await build({ dates: ['2025-03-14'] });
    expect(second.summary.buildId).toBe(first.summary.buildId);
    for (const name of ['manifest.json', 'v1/toy/2025-03-14.json']) {
      expect(await readFile(path.join(second.summary.treeDir!, name))).toEqual(await readFile(path.join(first.summary.treeDir!, name)));
    }
  });

  test('a later build with unchanged content keeps the previous generated_at and bytes', async () => {
    const first = await build({ dates: ['2025-03-14'] });
    const later = await build({ dates: ['2025-03-14'], outDir: first.outDir, clock: createFixedClock('2025-03-15T18:00:00Z') });
    const file = 'v1/toy/2025-03-14.json';
    expect(JSON.parse(await readFile(path.join(later.summary.treeDir!, file), 'utf8')).generated_at).toBe('2025-03-15T16:00:00Z');
    expect(later.summary.unchanged).toBe(later.summary.manifest!.files.length);
    const changed = await build({ dates: ['2025-03-14'], outDir: first.outDir, clock: createFixedClock('2025-03-15T19:00:00Z'), rows: [{ ...ROWS[1], points: 40 }] });
    expect(JSON.parse(await readFile(path.join(changed.summary.treeDir!, file), 'utf8')).generated_at).toBe('2025-03-15T19:00:00Z');
  });

  test('a bad row fails naming endpoint, output path, row and field, and writes nothing', async () => {
    const outDir = await mkdtemp(path.join(os.tmpdir(), 'pipeline-bad-'));
    const error = await failure(build({ outDir, dates: ['2025-03-14'], rows: [ROWS[1]!, { game_date: '2025-03-14', player: 'b', points: Number.NaN }] }));
    expect(error).toBeInstanceOf(BuildFailedError);
    const text = formatErrorChain(error);
    expect(text).toContain('[BadWarehouseRow] toy.daily → v1/toy/2025-03-14.json');
    expect(text).toMatch(/row 1 \(game_date="2025-03-14", player="b"\).*field `points` must be number, got NaN/);
    expect((await readdir(outDir)).filter((d) => !d.startsWith('.'))).toEqual([]);
  });

  test('a null in a required column and a duplicate key are reported', async () => {
    const nullRow = formatErrorChain(await failure(build({ dates: ['2025-03-14'], rows: [{ game_date: '2025-03-14', player: null, points: 1 }] })));
    expect(nullRow).toMatch(/field `player` must be string, got null/);
    const dup = formatErrorChain(await failure(build({ dates: ['2025-03-14'], rows: [ROWS[1]!, ROWS[1]!] })));
    expect(dup).toMatch(/\[DuplicateRowKey\][\s\S]*row 1 \(game_date="2025-03-14", player="a"\).*duplicate key \(same as row 0\)/);
  });

  test('a payload that breaks its schema fails validation with the JSON pointer', async () => {
    const exporter = toyExporter({ render: (_rows: unknown, params: { date: string }, ctx: { generatedAt: string }) => ({ date: params.date, generated_at: ctx.generatedAt, total: 'many' }) } as never);
    const text = formatErrorChain(await failure(build({ registry: [exporter], dates: ['2025-03-14'] })));
    expect(text).toMatch(/\[SchemaValidationFailed\] toy\.daily → v1\/toy\/2025-03-14\.json[\s\S]*\/total must be number/);
  });

  test('a render that returns NaN never reaches the tree', async () => {
    const exporter = toyExporter({ render: (_rows: unknown, params: { date: string }, ctx: { generatedAt: string }) => ({ date: params.date, generated_at: ctx.generatedAt, total: Number.NaN }) } as never);
    const text = formatErrorChain(await failure(build({ registry: [exporter], dates: ['2025-03-14'] })));
    expect(text).toMatch(/\/total must be number/);
  });

  test('plan fails on unsafe path values, unfilled placeholders and collisions, before any query', async () => {
    for (const [value, pattern] of [['../x', /UnsafePathSegment[\s\S]*"\.\.\/x"/], ['', /UnsafePathSegment/], ['%2e%2e', /UnsafePathSegment/], ['Ünïcode', /UnsafePathSegment/]] as const) {
      const exporter = toyExporter({ params: () => [{ date: value }] } as never);
      const { warehouse } = { warehouse: createFakeWarehouse({}) };
      const text = formatErrorChain(await failure(runBuild({ registry: [exporter], schemasDir, warehouseAdapter: warehouse, outDir: os.tmpdir(), clock: createFixedClock('2025-03-15T16:00:00Z') })));
      expect(text).toMatch(pattern);
      expect(warehouse.calls).toHaveLength(0);
    }
    const unfilled = toyExporter({ params: () => [{ day: '2025-03-14' }] } as never);
    expect(formatErrorChain(await failure(build({ registry: [unfilled] })))).toMatch(/UnfilledPlaceholder[\s\S]*\{date\}/);
    const twin = toyExporter({ id: 'toy.twin', aliases: [] } as never);
    expect(formatErrorChain(await failure(build({ registry: [toyExporter(), twin] })))).toMatch(/PathCollision[\s\S]*`toy\.daily` and `toy\.twin`/);
  });

  test('a value that fills the template to a static path of the registry is a reserved slug, even in an --only build (issue 18)', async () => {
    const index = toyExporter({ id: 'toy.index', path: 'toy/index.json', aliases: [], params: () => [{}], partitionBy: {} } as never);
    const daily = toyExporter({ params: () => [{ date: '2025-03-14' }, { date: 'index' }] } as never);
    const warehouse = createFakeWarehouse({});
    const outDir = await mkdtemp(path.join(os.tmpdir(), 'pipeline-reserved-'));
    const error = await failure(runBuild({ registry: [daily, index], only: ['toy.daily'], schemasDir, outDir, warehouseAdapter: warehouse, clock: createFixedClock('2025-03-15T16:00:00Z') }));
    expect(error.code).toBe('ReservedSlug');
    expect(formatErrorChain(error)).toContain('[ReservedSlug] toy.daily → v1/toy/index.json: `date` value "index" would fill `toy/{date}.json` to `v1/toy/index.json`, which is the path of `toy.index`');
    expect(error.hint).toMatch(/--only/);
    expect(warehouse.calls).toHaveLength(0);
    expect((await readdir(outDir)).filter((d) => !d.startsWith('.'))).toEqual([]);
    // An alias name is reserved too, its own exporter's included.
    const latest = toyExporter({ params: () => [{ date: 'latest' }] } as never);
    expect(formatErrorChain(await failure(build({ registry: [latest] })))).toContain('`date` value "latest" would fill `toy/{date}.json` to `v1/toy/latest.json`, which is the `toy/latest.json` alias of `toy.daily`');
  });

  test('a static name in another directory does not reserve the value', async () => {
    const nested = toyExporter({ id: 'toy.nested', path: 'toy/nested/{date}.json', aliases: [], params: () => [{ date: 'latest' }, { date: 'index' }] } as never);
    const index = toyExporter({ id: 'toy.index', path: 'toy/index.json', aliases: [], params: () => [{}], partitionBy: {} } as never);
    const { summary } = await build({ registry: [toyExporter(), index, nested], only: ['toy.nested'] });
    expect(summary.manifest!.files.map((f) => f.path)).toEqual(['v1/schemas/toy/daily.schema.json', 'v1/toy/nested/index.json', 'v1/toy/nested/latest.json']);
  });

  test('--only with an unknown id is a clear configuration error', async () => {
    expect(formatErrorChain(await failure(build({ only: ['nope'] })))).toMatch(/\[UnknownExporter\] --only names `nope`/);
  });

  test('sample warehouses label every file and default the clock to the sample night', async () => {
    const outDir = await mkdtemp(path.join(os.tmpdir(), 'pipeline-sample-'));
    const warehouse = createFakeWarehouse({ 'toy.daily': ROWS as never }, { seed: 1, asOfInstant: '2025-03-15T01:30:00Z' });
    const summary = await runBuild({ registry: [toyExporter()], schemasDir, outDir, warehouseAdapter: warehouse });
    expect(summary.manifest!.build).toMatchObject({ sample_data: true, today: '2025-03-14', as_of: '2025-03-15T01:30:00Z' });
    const doc = JSON.parse(await readFile(path.join(summary.treeDir!, 'v1/toy/2025-03-13.json'), 'utf8'));
    expect(doc.sample_data).toBe(true);
  });
});
