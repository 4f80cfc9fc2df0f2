/**
 * Issue 19: the build sets no environment for native libraries and no V8 flags. A process that
 * loads the CLI and the DuckDB adapter, and runs a DuckDB query, ends with exactly the environment
 * it started with; `DUCKDB_JE_MALLOC_CONF` and `PROPS_API_MEMORY` mean nothing to it. And
 * pipeline/config.ts is the one module of the pipeline and the exporters that reads the environment.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import fg from 'fast-glob';
import { expect, test } from 'vitest';
import { bundledChild } from '../helpers/child-bundle.ts';

const CHILD = `
const before = JSON.stringify(process.env);
await import('./pipeline/cli.ts');
const { createDuckDBWarehouse } = await import('./pipeline/adapters/duckdb-warehouse.ts');
const { sql } = await import('./pipeline/sql.ts');
const warehouse = await createDuckDBWarehouse({ path: ':memory:' });
const rows = await warehouse.query(sql\`SELECT 1 AS one\`, { label: 'test', params: {} });
await warehouse.close();
process.stdout.write(JSON.stringify({ same: JSON.stringify(process.env) === before, rows }));`;

test('loading the CLI and the DuckDB adapter leaves process.env as it was', async () => {
  const { DUCKDB_JE_MALLOC_CONF: _allocator, PROPS_API_MEMORY: _profile, ...env } = process.env;
  const child = await bundledChild('config-environment-child', { source: CHILD });
  const run = (extra: NodeJS.ProcessEnv) => JSON.parse(execFileSync(process.execPath, [child], { env: { ...env, ...extra }, encoding: 'utf8' })) as unknown;
  expect(run({})).toEqual({ same: true, rows: [{ one: 1 }] });
  // Once a memory profile; now an unknown variable like any other (no longer refused as `small`).
  expect(run({ PROPS_API_MEMORY: 'small' })).toEqual({ same: true, rows: [{ one: 1 }] });
});

test('only pipeline/config.ts reads process.env', async () => {
  const files = await fg(['pipeline/**/*.ts', 'exporters/**/*.ts']);
  const readers: string[] = [];
  for (const file of files.sort()) if (/process\.env\b/.test(await readFile(file, 'utf8'))) readers.push(file);
  expect(readers).toEqual(['pipeline/config.ts']);
});
