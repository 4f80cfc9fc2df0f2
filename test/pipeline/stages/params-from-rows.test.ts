/**
 * `paramsFromRows` (issue 4): an endpoint whose files are a warehouse fact (one page per player)
 * is planned from its one query's rows, with the plan-time checks: strict slugs naming the bad
 * value, path collisions naming both exporters, nothing written on failure, still one query.
 */
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { endpointStates, type EndpointState } from '../../../exporters/status/endpoint-states.ts';
import { inputOf, type RenderContext } from '../../../pipeline/define-exporter.ts';
import { BuildFailedError, ExportError, formatErrorChain } from '../../../pipeline/errors.ts';
import { createFixedClock } from '../../../pipeline/ports.ts';
import { runBuild, type RunBuildOptions } from '../../../pipeline/run-build.ts';
import { createPathClaims, hasWork, planJobs, planRowJobs } from '../../../pipeline/stages/plan.ts';
import { createFakeWarehouse } from '../../helpers/fake-warehouse.ts';
import { toyExporter, writeToySchemas } from '../../helpers/toy-exporters.ts';

let schemasDir: string;
beforeAll(async () => { schemasDir = await writeToySchemas(); });

type Row = { game_date: string; player: string | null; points: number };
const ROWS: Row[] = [
  { game_date: '2025-03-13', player: 'alpha', points: 10 },
  { game_date: '2025-03-14', player: 'alpha', points: 12 },
  { game_date: '2025-03-14', player: 'bravo', points: 7 },
];

/** A per-player toy: `toy/players/{player}.json`, files = distinct players of the rows. */
function perPlayer(overrides: Record<string, unknown> = {}) {
  return toyExporter({
    id: 'toy.player',
    path: 'toy/players/{player}.json',
    aliases: [],
    ownsAllFiles: true,
    params: () => [],
    paramsFromRows: (rows: readonly Row[]) => [...new Set(rows.map((r) => r.player))].sort().map((player) => ({ player })),
    partitionBy: { player: 'player' },
    render: (rows: readonly Row[], params: { player: string }, ctx: { generatedAt: string }) => ({ date: params.player, generated_at: ctx.generatedAt, total: rows.reduce((s, r) => s + r.points, 0) }),
    ...overrides,
  } as never);
}

async function build(options: Partial<RunBuildOptions> & { rows?: Row[] } = {}) {
  const outDir = options.outDir ?? (await mkdtemp(path.join(os.tmpdir(), 'rows-plan-')));
  const warehouse = createFakeWarehouse({ 'toy.player': (options.rows ?? ROWS) as never, 'toy.daily': [] });
  const run = runBuild({ registry: [perPlayer()], schemasDir, outDir, warehouseAdapter: warehouse, clock: createFixedClock('2025-03-15T16:00:00Z'), ...options });
  return { run, warehouse, outDir };
}

async function failure(promise: Promise<unknown>): Promise<ExportError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ExportError);
  return error as ExportError;
}

describe('paramsFromRows', () => {
  test('plan lists the endpoint with no jobs yet and work to do; params only scope the query', () => {
    const plan = planJobs([perPlayer()], { trigger: 'all', asOf: '2025-03-15T16:00:00Z', today: '2025-03-15', yesterday: '2025-03-14', dates: undefined, systemId: 'ensemble_v1', sampleData: false, players: undefined, minGradedGames: 5 });
    expect(plan.endpoints[0]!.jobs).toEqual([]);
    expect(hasWork(plan.endpoints[0]!)).toBe(true);
  });

  test('the plan is plain data (issue 19): row-time jobs are planned from it, against the build\'s claims, and leave it as it was', () => {
    const ctx = { trigger: 'all', asOf: '2025-03-15T16:00:00Z', today: '2025-03-15', yesterday: '2025-03-14', dates: ['2025-03-14'], systemId: 'ensemble_v1', sampleData: false, players: undefined, minGradedGames: 5 } as const;
    const plan = planJobs([toyExporter(), perPlayer()], ctx);
    // Outside the exporters (code by design), nothing in the plan is a function: no closure plans later.
    const functions: string[] = [];
    const walk = (value: unknown, at: string): void => {
      if (typeof value === 'function') functions.push(at);
      else if (value instanceof Map) for (const [k, v] of value) walk(v, `${at}.${String(k)}`);
      else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) if (k !== 'exporter') walk(v, `${at}.${k}`);
    };
    walk(plan, 'plan');
    expect(functions).toEqual([]);
    expect(plan.endpoints.map((e) => [e.exporter.id, e.fromRows])).toEqual([['toy.daily', false], ['toy.player', true]]);
    expect([...plan.claims]).toEqual([['v1/toy/latest.json', 'toy.daily'], ['v1/toy/2025-03-14.json', 'toy.daily']]);
    const rows = [{ game_date: '2025-03-14', player: 'alpha', points: 1 }];
    const claims = createPathClaims(plan);
    expect(planRowJobs(plan, plan.endpoints[1]!.exporter, rows, claims).map((j) => j.outputPath)).toEqual(['v1/toy/players/alpha.json']);
    expect(claims.get('v1/toy/players/alpha.json')).toBe('toy.player');
    expect(plan.claims.size).toBe(2);
    // A second build from the same plan starts from the plan's claims, not the first build's.
    expect(planRowJobs(plan, plan.endpoints[1]!.exporter, rows, createPathClaims(plan))).toHaveLength(1);
  });

  test('one query; one file per distinct row value, each with its own rows; complete in the manifest', async () => {
    const { run, warehouse } = await build();
    const summary = await run;
    expect(warehouse.calls).toHaveLength(1);
    expect(warehouse.calls[0]!.params).toEqual({ from: undefined, to: undefined }); // bind got params(ctx) = []
    expect(summary.manifest!.build.query_count).toBe(1);
    expect(summary.manifest!.files.map((f) => f.path)).toEqual(['v1/schemas/toy/daily.schema.json', 'v1/toy/players/alpha.json', 'v1/toy/players/bravo.json']);
    expect(summary.manifest!.endpoints).toEqual([expect.objectContaining({ exporter: 'toy.player', files: 2, complete: true }), expect.objectContaining({ exporter: 'schemas', files: 1, complete: true })]);
    const alpha = JSON.parse(await readFile(path.join(summary.treeDir!, 'v1/toy/players/alpha.json'), 'utf8'));
    expect(alpha.total).toBe(22);
  });

  test('a partial build (--players) is not complete, so the publisher keeps the other players', async () => {
    const { run } = await build({ players: ['alpha'] });
    expect((await run).manifest!.endpoints[0]!.complete).toBe(false);
  });

  test('no rows: no files, but the endpoint was built (one query) and reports fresh', async () => {
    let states: readonly EndpointState[] = [];
    const spy = perPlayer({ needs: [endpointStates], render: (_r: unknown, p: { player: string }, ctx: RenderContext) => ((states = inputOf(ctx, endpointStates)), { date: p.player, generated_at: ctx.generatedAt, total: 0 }) });
    const { run, warehouse } = await build({ rows: [], registry: [spy] });
    const summary = await run;
    expect(warehouse.calls).toHaveLength(1);
    expect(summary.manifest!.files.map((f) => f.path)).toEqual(['v1/schemas/toy/daily.schema.json']); // every build publishes the schemas
    const withRows = await build({ registry: [spy] });
    await withRows.run;
    expect(states.find((s) => s.exporter === 'toy.player')).toMatchObject({ builtNow: true, lastBuiltAt: '2025-03-15T16:00:00Z' });
  });

  test('an endpoint that reports on the build runs after the others and sees the data date of files listed by rows', async () => {
    const order: string[] = [];
    let states: readonly EndpointState[] = [];
    const byDate = perPlayer({
      id: 'toy.report', path: 'toy/{player}/{game_date}.json', ownsAllFiles: false,
      paramsFromRows: (rows: readonly Row[]) => rows.map((r) => ({ player: r.player!, game_date: r.game_date })),
      partitionBy: { player: 'player', game_date: 'game_date' },
      render: (_rows: readonly Row[], params: { game_date: string }, ctx: { generatedAt: string }) => (order.push('toy.report'), { date: params.game_date, generated_at: ctx.generatedAt, total: 0 }),
    });
    const reporter = perPlayer({
      needs: [endpointStates],
      render: (_r: unknown, p: { player: string }, ctx: RenderContext) => (order.push('toy.player'), (states = inputOf(ctx, endpointStates)), { date: p.player, generated_at: ctx.generatedAt, total: 0 }),
    });
    const warehouse = createFakeWarehouse({ 'toy.player': ROWS as never, 'toy.report': ROWS as never });
    const outDir = await mkdtemp(path.join(os.tmpdir(), 'rows-plan-'));
    await runBuild({ registry: [reporter, byDate], schemasDir, outDir, warehouseAdapter: warehouse, clock: createFixedClock('2025-03-15T16:00:00Z') });
    // The reporter is listed first but renders last: all three report files come before it.
    expect(order.slice(0, 3)).toEqual(['toy.report', 'toy.report', 'toy.report']);
    expect(order.slice(3)).toEqual(['toy.player', 'toy.player']);
    // Newest game_date among the rows is 2025-03-14 (the build's today is the 15th).
    expect(states.find((s) => s.exporter === 'toy.report')).toMatchObject({ builtNow: true, dataAsOf: '2025-03-14' });
  });

  test('an unsafe value in the warehouse fails the build naming each value; nothing is written', async () => {
    const { run, warehouse, outDir } = await build({ rows: [...ROWS, { game_date: '2025-03-14', player: '../x', points: 1 }, { game_date: '2025-03-14', player: '', points: 1 }] });
    const error = await failure(run);
    expect(error).toBeInstanceOf(BuildFailedError);
    expect((error as BuildFailedError).failures.map((f) => f.code)).toEqual(['UnsafePathSegment', 'UnsafePathSegment']);
    const text = formatErrorChain(error);
    expect(text).toContain('[UnsafePathSegment] toy.player → toy/players/{player}.json: `player` value "" is not a safe path segment');
    expect(text).toContain('`player` value "../x" is not a safe path segment');
    expect(warehouse.calls).toHaveLength(1);
    expect((await readdir(outDir)).filter((d) => !d.startsWith('.'))).toEqual([]);
  });

  test('the row contract runs first: a NULL key column is a bad row, with the path it would feed', async () => {
    const { run } = await build({ rows: [ROWS[0]!, { game_date: '2025-03-14', player: null, points: 1 }] });
    const text = formatErrorChain(await failure(run));
    expect(text).toMatch(/\[BadWarehouseRow\][\s\S]*row 1 .*→ v1\/toy\/players\/\{player\}\.json: field `player` must be string, got null/);
  });

  test('a row-derived path that another exporter already plans is a collision naming both', async () => {
    const fixed = toyExporter({ id: 'toy.fixed', path: 'toy/players/{date}.json', aliases: [], params: () => [{ date: 'bravo' }], partitionBy: {} } as never);
    const { run } = await build({ registry: [fixed, perPlayer()] });
    expect(formatErrorChain(await failure(run))).toMatch(/PathCollision[\s\S]*`v1\/toy\/players\/bravo\.json` would be written by both `toy\.fixed` and `toy\.player`/);
  });

  test('a row value equal to a static file name beside the template is refused in an --only build, naming its owner (issue 18)', async () => {
    const index = toyExporter({ id: 'toy.players-index', path: 'toy/players/index.json', aliases: [], params: () => [{}], partitionBy: {} } as never);
    const { run, warehouse, outDir } = await build({ registry: [perPlayer(), index], only: ['toy.player'], rows: [...ROWS, { game_date: '2025-03-14', player: 'index', points: 3 }] });
    const error = await failure(run);
    expect((error as BuildFailedError).failures.map((f) => f.code)).toEqual(['ReservedSlug']);
    expect(formatErrorChain(error)).toContain('[ReservedSlug] toy.player → v1/toy/players/index.json: `player` value "index" would fill `toy/players/{player}.json` to `v1/toy/players/index.json`, which is the path of `toy.players-index`');
    expect(warehouse.calls).toHaveLength(1);
    expect((await readdir(outDir)).filter((d) => !d.startsWith('.'))).toEqual([]);
  });

  test('paramsFromRows that throws is reported as InvalidParams for the endpoint', async () => {
    const broken = perPlayer({ paramsFromRows: () => { throw new Error('boom'); } });
    const { run } = await build({ registry: [broken] });
    expect(formatErrorChain(await failure(run))).toMatch(/\[InvalidParams\] toy\.player[\s\S]*boom/);
  });
});
