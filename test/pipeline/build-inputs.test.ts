/**
 * Build inputs (issue 19): the one hook behind the status and live special cases, on toy
 * exporters. An input is loaded once per build for every endpoint that needs it, only when a
 * planned endpoint does; a failed load fails exactly the endpoints that need it (when the input
 * names the failure) or the build; an `after: 'all'` input sees what the other endpoints wrote.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { inputOf, type BuildInput, type RenderContext } from '../../pipeline/define-exporter.ts';
import { BuildFailedError, ExportError, RenderError } from '../../pipeline/errors.ts';
import { createFixedClock } from '../../pipeline/ports.ts';
import { runBuild } from '../../pipeline/run-build.ts';
import type { AnyExporter } from '../../pipeline/define-exporter.ts';
import { createFakeWarehouse } from '../helpers/fake-warehouse.ts';
import { toyExporter, writeToySchemas } from '../helpers/toy-exporters.ts';

let schemasDir: string;
beforeAll(async () => { schemasDir = await writeToySchemas(); });

const ROWS = [{ game_date: '2025-03-14', player: 'a', points: 1 }];

/** A toy endpoint `toy-<name>/{date}.json` whose `total` is the input's value. */
function reader(name: string, input: BuildInput<number>, log: string[] = []): AnyExporter {
  return toyExporter({
    id: `toy.${name}`, path: `toy-${name}/{date}.json`, aliases: [], needs: [input],
    render: (_rows: unknown, params: { date: string }, ctx: RenderContext) => (log.push(name), { date: params.date, generated_at: ctx.generatedAt, total: inputOf(ctx, input) }),
  });
}

async function build(registry: AnyExporter[], dates = ['2025-03-14']) {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'inputs-'));
  const rows = Object.fromEntries(registry.map((e) => [e.id, ROWS]));
  return runBuild({ registry, schemasDir, outDir, dates, warehouseAdapter: createFakeWarehouse(rows), clock: createFixedClock('2025-03-15T16:00:00Z') });
}

const totalOf = async (summary: Awaited<ReturnType<typeof build>>, file: string) => (JSON.parse(await readFile(path.join(summary.treeDir!, file), 'utf8')) as { total: number }).total;

describe('build inputs', () => {
  test('loaded once per build and shared by every endpoint that needs it', async () => {
    let loads = 0;
    const answer: BuildInput<number> = { id: 'answer', load: () => (loads += 1, 42) };
    const summary = await build([reader('one', answer), reader('two', answer), toyExporter()]);
    expect(loads).toBe(1);
    expect([await totalOf(summary, 'v1/toy-one/2025-03-14.json'), await totalOf(summary, 'v1/toy-two/2025-03-14.json')]).toEqual([42, 42]);
    expect(summary.manifest!.files.map((f) => f.path).sort()).toEqual(['v1/schemas/toy/daily.schema.json', 'v1/toy-one/2025-03-14.json', 'v1/toy-two/2025-03-14.json', 'v1/toy/2025-03-14.json', 'v1/toy/latest.json']);
  });

  test('not loaded when no planned endpoint needs it (the dates give its endpoint no file)', async () => {
    let loads = 0;
    const answer: BuildInput<number> = { id: 'answer', load: () => (loads += 1, 1) };
    const none = toyExporter({ id: 'toy.none', path: 'toy-none/{date}.json', aliases: [], needs: [answer], params: () => [] });
    await build([none, toyExporter()]);
    expect(loads).toBe(0);
  });

  test('a failed load fails only the endpoints that need it, with the failure the input names; nothing is written', async () => {
    const down: BuildInput<number> = {
      id: 'down', load: () => { throw new Error('feed down'); },
      failureFor: (error, endpoint) => new RenderError('RenderFailed', `not built: ${(error as Error).message}`, { exporterId: endpoint.exporter.id, outputPath: endpoint.firstPath }),
    };
    const error = await build([reader('one', down), toyExporter()]).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(BuildFailedError);
    expect((error as BuildFailedError).failures.map((f) => [f.exporterId, f.outputPath, f.message])).toEqual([['toy.one', 'v1/toy-one/2025-03-14.json', 'not built: feed down']]);
  });

  test('without failureFor, a failed load fails the build with its error', async () => {
    const down: BuildInput<number> = { id: 'down', load: () => { throw new RenderError('RenderFailed', 'no value'); } };
    const error = await build([reader('one', down)]).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ExportError);
    expect((error as ExportError).message).toBe('no value');
  });

  test("an after: 'all' input loads once the others are built, from the data dates they wrote", async () => {
    const log: string[] = [];
    const newest: BuildInput<number> = {
      id: 'newest', after: 'all',
      load: ({ endpoints }) => (log.push('load'), Number(endpoints.flatMap((e) => e.writtenDates).sort().at(-1)!.slice(-2))),
    };
    const late = reader('late', newest, log);
    const early = toyExporter({ id: 'toy.early', path: 'toy-early/{date}.json', aliases: [], render: (_r: unknown, p: { date: string }, ctx: RenderContext) => (log.push('early'), { date: p.date, generated_at: ctx.generatedAt, total: 0 }) });
    const summary = await build([late, early], ['2025-03-12', '2025-03-13']);
    expect(log).toEqual(['early', 'early', 'load', 'late', 'late']);
    // The newest date early wrote is the 13th, so both late files carry 13.
    expect([await totalOf(summary, 'v1/toy-late/2025-03-12.json'), await totalOf(summary, 'v1/toy-late/2025-03-13.json')]).toEqual([13, 13]);
  });

  test("an after: 'all' endpoint's query runs alongside the first wave's, not after it (issue 20)", async () => {
    const newest: BuildInput<number> = { id: 'newest', after: 'all', load: () => 1 };
    const warehouse = createFakeWarehouse({ 'toy.daily': ROWS, 'toy.late': ROWS });
    let running = 0;
    let peak = 0;
    const query = warehouse.query.bind(warehouse);
    warehouse.query = async (sql, options) => {
      peak = Math.max(peak, ++running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running -= 1;
      return query(sql, options);
    };
    const outDir = await mkdtemp(path.join(os.tmpdir(), 'inputs-'));
    const summary = await runBuild({ registry: [toyExporter(), reader('late', newest)], schemasDir, outDir, dates: ['2025-03-14'], warehouseAdapter: warehouse, clock: createFixedClock('2025-03-15T16:00:00Z') });
    expect(peak).toBe(2);
    expect(await totalOf(summary, 'v1/toy-late/2025-03-14.json')).toBe(1);
  });
});
