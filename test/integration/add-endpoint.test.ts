/**
 * Issue 19 acceptance: adding an endpoint is the README's four steps and nothing else is edited by
 * hand. In a copy of the project, a toy endpoint `toys.count` (players per team, weekly) is added
 * exactly that way: (1) its schema, (2) its exporter and its one line in `exporters/index.ts`,
 * (3) `npm run generate -- --examples` after a sample build, (4) a golden case with its golden file.
 * Then the project's own checks run in the copy as child processes — the registry and
 * generated-staleness tests, the golden test, `tsc` on the files the endpoint adds or changes, a
 * weekly build of the sample league — and the docs and OpenAPI document list it. Nothing else in
 * the tree may have changed.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import fg from 'fast-glob';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { faultSamplePath, openFaultSample } from '../helpers/fault-sample.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** The copy is the project's tree without these (node_modules is linked). */
const NOT_COPIED = new Set(['.git', 'node_modules', 'out', '.cache', 'test-output']);
/** The project's checks that an added endpoint must pass, found by what they contain (their files may move). */
const CHECK_MARKERS = [['every schema has exactly one exporter'], ['GENERATED_DIR', 'run `npm run generate`']];

const SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema', $id: 'https://nbaprops.com/v1/schemas/toys/count.schema.json', title: 'ToysCount',
  description: 'A toy endpoint: players who appeared for each team up to the build date. Path `v1/toys/count.json`.',
  type: 'object', additionalProperties: false, required: ['as_of_date', 'generated_at', 'teams', 'total_players'],
  properties: {
    as_of_date: { $ref: '../_shared/common.schema.json#/$defs/date', description: "The build's date in America/New_York." },
    generated_at: { $ref: '../_shared/common.schema.json#/$defs/timestamp', description: 'When this content was last changed by a build (UTC).' },
    teams: {
      type: 'array', description: 'One entry per team with a box score, by tricode.',
      items: {
        type: 'object', description: 'A team and its player count.', additionalProperties: false, required: ['team', 'players'],
        properties: { team: { $ref: '../_shared/common.schema.json#/$defs/tricode' }, players: { type: 'integer', minimum: 1, description: 'Distinct players with a box score for the team.' } },
      },
    },
    total_players: { type: 'integer', minimum: 0, description: "Sum of the teams' counts." },
    sample_data: { $ref: '../_shared/common.schema.json#/$defs/sampleData' },
  },
  // No `examples`: step 3's `generate --examples` takes it from the sample build.
};

const EXPORTER = `/**
 * toys.count — \`v1/toys/count.json\`. Consumer: none (test/integration/add-endpoint.test.ts adds it). Freshness: weekly.
 */
import type { ToysCount } from '../../generated/toys/count.ts';
import { defineExporter } from '../../pipeline/define-exporter.ts';
import { param, sql, table } from '../../pipeline/sql.ts';

const AS_OF = param.date('as_of');

export default defineExporter({
  id: 'toys.count',
  schema: 'https://nbaprops.com/v1/schemas/toys/count.schema.json',
  description: 'Players who appeared for each team. No consumer; weekly.',
  triggers: ['weekly'],
  path: 'toys/count.json',
  cache: 'weekly',
  ownsAllFiles: true,
  params: () => [{}],
  query: {
    sql: sql\`SELECT g.team_abbr AS team, COUNT(DISTINCT g.player_lookup) AS players FROM \${table('nba_analytics', 'player_game_summary')} AS g
WHERE g.game_date <= \${AS_OF} GROUP BY g.team_abbr ORDER BY g.team_abbr\`,
    bind: (ctx) => ({ as_of: ctx.today }),
    columns: { team: 'string', players: 'integer>=0' },
    key: ['team'],
  },
  render: (rows, _params, ctx): ToysCount => ({
    as_of_date: ctx.today, generated_at: ctx.generatedAt, teams: rows.map((r) => ({ team: r.team, players: r.players })), total_players: rows.reduce((n, r) => n + r.players, 0),
  }),
});
`;

// By hand: BOS has ann (two games), bob and cal → 3; NYK has dan → 1 (eve's game is after the build date).
const CASE = `import { defineCases } from '../../helpers/exporter-case.ts';

const box = (player: string, team: string, date: string) => ({ player_lookup: player, game_id: \`\${date.replaceAll('-', '')}_NYK_BOS\`, game_date: date, team_abbr: team });

export default defineCases([{
  name: 'toys-count',
  only: ['toys.count'],
  asOf: '2025-03-15T16:00:00Z',
  tables: {
    'nba_analytics.player_game_summary': [
      box('ann', 'BOS', '2025-03-13'), box('ann', 'BOS', '2025-03-14'), box('bob', 'BOS', '2025-03-14'), box('cal', 'BOS', '2025-03-15'),
      box('dan', 'NYK', '2025-03-14'), box('eve', 'NYK', '2025-03-16'),
    ],
  },
}]);
`;
const GOLDEN = { as_of_date: '2025-03-15', generated_at: '2025-03-15T16:00:00Z', teams: [{ team: 'BOS', players: 3 }, { team: 'NYK', players: 1 }], total_players: 4 };

/** The files a person writes (steps 1, 2 and 4; step 3 adds the schema's example); `generate` writes the others. */
const HAND_WRITTEN = ['schemas/toys/count.schema.json', 'exporters/toys/count.ts', 'exporters/index.ts', 'test/exporters/toys/count.case.ts', 'test/exporters/toys/__golden__/toys-count/v1/toys/count.json'];
/**
 * What `tsc` checks in the copy, with the project's compiler options: the new endpoint's code, the
 * registry that lists it (its default export must be an exporter) and the client package's root
 * types, which export the new payload type. The rest of the tree is unchanged and type-checked by
 * the project's own `tsc --noEmit`.
 */
const TYPE_CHECKED = ['exporters/toys/count.ts', 'exporters/index.ts', 'test/exporters/toys/count.case.ts', 'generated/index.d.ts'];
const GENERATED = ['docs/tables.md', 'generated/toys/count.ts', 'generated/index.d.ts', 'generated/openapi.json', 'generated/docs/index.html', 'generated/docs/endpoints/toys.count.html', 'generated/docs/search-index.json', 'generated/endpoints.js', 'generated/package.json', 'generated/validators/toys/count.js'];

const run = promisify(execFile);
let copy: string;
let typecheck: Promise<unknown>;
const inCopy = (...parts: string[]) => path.join(copy, ...parts);
const ENV = { ...process.env, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0', TZ: 'UTC', METADATA_SERVER_DETECTION: 'none' };
/** Runs `node ARGS` in the copy; a failure carries the child's output. */
async function node(args: string[]): Promise<string> {
  try {
    return (await run(process.execPath, args, { cwd: copy, env: ENV, maxBuffer: 16 << 20 })).stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`\`node ${args.join(' ')}\` failed in the copy:\n${stdout}\n${stderr}`, { cause: error });
  }
}
const write = async (relative: string, text: string) => { await mkdir(path.dirname(inCopy(relative)), { recursive: true }); await writeFile(inCopy(relative), text); };

/** Step 2's registry entry: one line, the exporter's module at the end of the list. */
function register(index: string): string {
  const registered = /(\nconst registered = \[\n(?:.*\n)*?)\];/;
  expect(index, 'exporters/index.ts has no `registered` list').toMatch(registered);
  return index.replace(registered, "$1  import('./toys/count.ts'),\n];");
}

async function checkFiles(): Promise<string[]> {
  const files = await fg('test/**/*.test.ts', { cwd: ROOT, ignore: ['test/integration/**', 'test/browser/**'] });
  const texts = await Promise.all(files.map(async (file) => [file, await readFile(path.join(ROOT, file), 'utf8')] as const));
  return texts.filter(([, text]) => CHECK_MARKERS.some((markers) => markers.every((m) => text.includes(m)))).map(([file]) => file);
}

beforeAll(async () => {
  await (await openFaultSample()).close(); // the run's shared small league: built on below, read-only
  copy = await mkdtemp(path.join(os.tmpdir(), 'add-endpoint-'));
  for (const entry of await readdir(ROOT)) if (!NOT_COPIED.has(entry)) await cp(path.join(ROOT, entry), inCopy(entry), { recursive: true });
  await symlink(path.join(ROOT, 'node_modules'), inCopy('node_modules'), 'dir');
  await write('schemas/toys/count.schema.json', `${JSON.stringify(SCHEMA, null, 2)}\n`);
  await write('exporters/toys/count.ts', EXPORTER);
  await write('exporters/index.ts', register(await readFile(inCopy('exporters/index.ts'), 'utf8')));
  // Step 3: `npm start` builds the sample (here the run's small league, the new endpoint only), then generate.
  await node(['scripts/props-api.js', 'build', '--warehouse', `duckdb:${faultSamplePath()}`, '--only', 'toys.count', '--out', 'out']);
  await node(['scripts/props-api.js', 'generate', '--examples', '--out', 'out']);
  await write('test/exporters/toys/count.case.ts', CASE);
  await write(HAND_WRITTEN.at(-1)!, `${JSON.stringify(GOLDEN, null, 2)}\n`);
  // The config lives in test-output/ (not part of the tree compared above) and extends the project's.
  await write('test-output/tsconfig.add-endpoint.json', JSON.stringify({ extends: '../tsconfig.json', include: [], files: TYPE_CHECKED.map((file) => `../${file}`) }));
  typecheck = node(['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'test-output/tsconfig.add-endpoint.json']); // the longest check, alongside the others
  typecheck.catch(() => undefined); // awaited (and reported) by its test
}, 180_000);
afterAll(async () => { if (copy) await rm(copy, { recursive: true, force: true }); });

describe('adding an endpoint by the four steps', { timeout: 180_000 }, () => {
  test('nothing but the hand-written files and what `npm run generate` writes changed', async () => {
    const copied = (await fg(['**/*'], { cwd: copy, dot: true, ignore: ['node_modules/**', 'test-output/**', 'out/**'] })).sort();
    const changed: string[] = [];
    for (const file of copied) {
      const before = await readFile(path.join(ROOT, file)).catch(() => undefined);
      if (!before?.equals(await readFile(inCopy(file)))) changed.push(file);
    }
    expect(changed).toEqual([...HAND_WRITTEN, ...GENERATED].sort());
  });

  test('registering the endpoint is one added line in exporters/index.ts', async () => {
    const before = (await readFile(path.join(ROOT, 'exporters/index.ts'), 'utf8')).split('\n');
    const after = (await readFile(inCopy('exporters/index.ts'), 'utf8')).split('\n');
    expect(after.length - before.length).toBe(1);
    expect(after.filter((line) => !before.includes(line))).toEqual(["  import('./toys/count.ts'),"]);
  });

  test("the project's registry, staleness and golden tests pass in the copy", async () => {
    const files = await checkFiles();
    expect(files.length, 'the registry and staleness tests were not found').toBeGreaterThanOrEqual(1);
    // One run: those files, and of the golden cases only the new one (the others' files are unchanged);
    // one worker, so the files share one load of the pipeline (less CPU than two workers).
    const onlyNewCase = String.raw`^(?!\S+\.case\.ts )|^toys/count\.case\.ts `;
    const out = await node(['node_modules/vitest/vitest.mjs', 'run', ...files, 'test/exporters/golden.test.ts', '-t', onlyNewCase, '--maxWorkers', '1', '--reporter', 'verbose']);
    expect(out).toMatch(/✓ .*toys\/count\.case\.ts > toys-count/);
    expect(out).toMatch(/✓ .*every schema has exactly one exporter/);
    expect(out).toMatch(/✓ .*run `npm run generate`/); // a staleness check
    expect(out).toMatch(/Test Files +\d+ passed/);
  });

  test('the new endpoint, its registry line and the generated types type-check (`tsc --noEmit`, the project\'s options)', async () => {
    await typecheck;
  });

  test('a weekly build of the sample writes it, lists it in the manifest and reports it in status.json', async () => {
    await node(['scripts/props-api.js', 'build', '--warehouse', `duckdb:${faultSamplePath()}`, '--trigger', 'weekly', '--out', inCopy('out-weekly')]);
    const [manifestFile] = await fg('*/manifest.json', { cwd: inCopy('out-weekly'), absolute: true });
    const tree = path.dirname(manifestFile!);
    const manifest = JSON.parse(await readFile(manifestFile!, 'utf8')) as { files: { path: string; exporter: string; cache: string }[] };
    expect(manifest.files.filter((f) => f.exporter === 'toys.count')).toEqual([expect.objectContaining({ path: 'v1/toys/count.json', cache: 'weekly' })]);
    const toys = JSON.parse(await readFile(path.join(tree, 'v1/toys/count.json'), 'utf8')) as typeof GOLDEN;
    expect(toys.teams).toHaveLength(30); // a week into the season, every team has played
    expect(toys.total_players).toBe(toys.teams.reduce((n, t) => n + t.players, 0));
    const status = JSON.parse(await readFile(path.join(tree, 'v1/status.json'), 'utf8')) as { endpoints: Record<string, unknown>[] };
    expect(status.endpoints).toContainEqual(expect.objectContaining({ exporter: 'toys.count', cadence: 'weekly', built_this_run: true, status: 'fresh' }));
  });

  test('its schema example is a file of the sample build, arrays cut to two items', async () => {
    const { examples } = JSON.parse(await readFile(inCopy('schemas/toys/count.schema.json'), 'utf8')) as { examples: (typeof GOLDEN & { sample_data: true })[] };
    expect(examples).toEqual([expect.objectContaining({ as_of_date: '2024-10-30', sample_data: true })]);
    expect(examples[0]!.teams).toHaveLength(2);
  });

  test('the docs page and the OpenAPI document list it', async () => {
    const html = await readFile(inCopy('generated/docs/index.html'), 'utf8');
    expect(html).toContain('<li data-endpoint="toys.count"><a href="#toys.count">toys.count</a></li>');
    expect(await readFile(inCopy('generated/docs/endpoints/toys.count.html'), 'utf8')).toContain('<section class="endpoint" id="toys.count" data-family="toys"');
    const openapi = JSON.parse(await readFile(inCopy('generated/openapi.json'), 'utf8')) as { paths: Record<string, { get: { tags: string[] } }> };
    expect(openapi.paths['/v1/toys/count.json']?.get.tags).toEqual(['toys']);
  });
});
