/**
 * The whole build on the generated sample league (real DuckDB file): every registered endpoint
 * builds and validates, two builds are byte-identical, the query count equals the number of
 * endpoints whatever the number of dates, and schema examples are current.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import fg from 'fast-glob';
import { defaultSamplePath } from '../helpers/shared-sample.ts';
import { runBuild, type BuildSummary } from '../../pipeline/run-build.ts';
import { hasWork } from '../../pipeline/stages/plan.ts';
import { loadSchemaFiles } from '../../pipeline/schema-registry.ts';
import { trimExample } from '../../pipeline/schema-examples.ts';
import { rm } from 'node:fs/promises';
import { exporters } from '../../exporters/index.ts';

let dir: string;
let warehouse: string;
let first: BuildSummary;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sample-build-'));
  warehouse = `duckdb:${await defaultSamplePath()}`;
  first = await runBuild({ registry: exporters, warehouse, outDir: path.join(dir, 'out-a') });
}, 300_000);
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

// A full sample build takes seconds on an idle machine, much longer on a loaded CI runner.
describe('sample build', { timeout: 300_000 }, () => {
  test('every endpoint of the trigger builds with one query each, labelled as sample data', () => {
    const build = first.manifest!.build;
    expect(build.sample_data).toBe(true);
    expect(build.query_count).toBe(build.endpoint_count);
    expect(build.endpoint_count).toBe(first.plan.endpoints.filter(hasWork).length); // jobs planned, or to come from the query rows
    expect(build.file_count).toBeGreaterThan(0);
  });

  test('two builds from the same warehouse are byte-identical, manifests included', async () => {
    const second = await runBuild({ registry: exporters, warehouse, outDir: path.join(dir, 'out-b') });
    expect(second.buildId).toBe(first.buildId);
    const files = (await fg('**/*', { cwd: first.treeDir!, ignore: ['build-report.json'] })).sort();
    expect(files.length).toBeGreaterThan(0);
    expect((await fg('**/*', { cwd: second.treeDir!, ignore: ['build-report.json'] })).sort()).toEqual(files);
    // Buffer.equals, not toEqual: a deep comparison of every byte of the tree took most of a minute.
    const differing: string[] = [];
    for (const file of files) {
      if (!(await readFile(path.join(second.treeDir!, file))).equals(await readFile(path.join(first.treeDir!, file)))) differing.push(file);
    }
    expect(differing[0], `${differing.length} files differ, the first listed`).toBeUndefined();
  });

  test('a two-week backfill of results still runs one query', async () => {
    const summary = await runBuild({ registry: exporters, warehouse, outDir: path.join(dir, 'out-c'), only: ['results.daily'], dates: Array.from({ length: 14 }, (_, i) => `2025-03-${String(i + 1).padStart(2, '0')}`) });
    expect(summary.queryCount).toBe(1);
    expect(summary.manifest!.files.filter((f) => f.exporter === 'results.daily' && !f.alias_of)).toHaveLength(14);
  });

  test('schema examples are the trimmed sample output (run `props-api generate --examples` after `npm start`)', async () => {
    const produced = new Map<string, string>();
    for (const f of first.manifest!.files) if (!f.alias_of && !produced.has(f.schema)) produced.set(f.schema, f.path); // first in path order
    for (const schema of await loadSchemaFiles()) {
      const examples = schema.schema.examples as unknown[] | undefined;
      const file = produced.get(schema.id);
      if (!examples || !file) continue;
      const actual = trimExample(JSON.parse(await readFile(path.join(first.treeDir!, file), 'utf8')));
      expect(examples[0], `${schema.file} example is stale`).toEqual(actual);
    }
  });
});
