/**
 * generated/ is current, all of it: `npm run generate` (its `writeGenerated`) regenerates the tree
 * into an empty temporary directory, and the committed `generated/` must hold exactly the same
 * files with the same bytes. Whatever the generator writes is covered, a file it adds as much as
 * one it stops writing (issue 19: no precompiled validators left behind).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fg from 'fast-glob';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { writeGenerated } from '../../../pipeline/commands/generate.ts';
import { GENERATED_DIR } from '../../../pipeline/generate-types.ts';
import { renderTablesDoc } from '../../../pipeline/docs/tables-doc.ts';
import { exporters } from '../../../exporters/index.ts';

let fresh: string;
let written: string[];

beforeAll(async () => {
  fresh = await mkdtemp(path.join(tmpdir(), 'generated-'));
  written = await writeGenerated(fresh);
});
afterAll(async () => { await rm(fresh, { recursive: true, force: true }); });

const filesUnder = async (dir: string) => (await fg('**/*', { cwd: dir, dot: true })).sort();

test('regenerating writes every file of generated/ and nothing else (run `npm run generate`)', async () => {
  const regenerated = await filesUnder(fresh);
  expect(regenerated).toEqual([...written].sort());
  expect(regenerated).toEqual(expect.arrayContaining(['index.d.ts', 'index.js', 'openapi.json', 'package.json', 'docs/index.html', 'results/daily.ts']));
  expect(await filesUnder(GENERATED_DIR), 'generated/ holds other files than `npm run generate` writes').toEqual(regenerated);
});

test('every file of generated/ has the bytes `npm run generate` writes', async () => {
  const stale: string[] = [];
  for (const file of await filesUnder(fresh)) {
    const committed = await readFile(path.join(GENERATED_DIR, file)).catch(() => undefined);
    if (!committed?.equals(await readFile(path.join(fresh, file)))) stale.push(`generated/${file}`);
  }
  expect(stale, 'stale: run `npm run generate`').toEqual([]);
});

test('regenerating deletes a file that nothing generates any more', async () => {
  const stray = path.join(fresh, 'results', 'retired.ts');
  await writeFile(stray, 'export type Retired = never;\n');
  const again = await writeGenerated(fresh);
  expect(again).toEqual(['results/retired.ts (removed)']);
  expect(await filesUnder(fresh)).toEqual([...written].sort());
});

test('docs/tables.md lists the warehouse tables as `props-api sql --tables` derives them (run `npm run generate`)', async () => {
  const { current, fresh } = await renderTablesDoc(exporters);
  expect(current, 'docs/tables.md is stale: run `npm run generate`').toBe(fresh);
  expect(fresh).toContain('| `nba_raw.nbac_schedule` |');
});
