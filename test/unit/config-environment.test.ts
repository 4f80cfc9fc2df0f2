/**
 * Environment presets for native libraries (issue 10): DuckDB's jemalloc reads
 * DUCKDB_JE_MALLOC_CONF once, when the library loads, so the build presets it unless the operator
 * set it.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { DEFAULT_DUCKDB_ALLOCATOR_CONF, setDefaultEnvironment } from '../../pipeline/config.ts';

describe('setDefaultEnvironment', () => {
  test('sets an unset or empty variable, and leaves an operator value alone', () => {
    const unset: NodeJS.ProcessEnv = {};
    setDefaultEnvironment('DUCKDB_JE_MALLOC_CONF', DEFAULT_DUCKDB_ALLOCATOR_CONF, unset);
    expect(unset.DUCKDB_JE_MALLOC_CONF).toBe('dirty_decay_ms:500,muzzy_decay_ms:0');
    const empty: NodeJS.ProcessEnv = { DUCKDB_JE_MALLOC_CONF: '' };
    setDefaultEnvironment('DUCKDB_JE_MALLOC_CONF', DEFAULT_DUCKDB_ALLOCATOR_CONF, empty);
    expect(empty.DUCKDB_JE_MALLOC_CONF).toBe('dirty_decay_ms:500,muzzy_decay_ms:0');
    const operator: NodeJS.ProcessEnv = { DUCKDB_JE_MALLOC_CONF: 'dirty_decay_ms:0' };
    setDefaultEnvironment('DUCKDB_JE_MALLOC_CONF', DEFAULT_DUCKDB_ALLOCATOR_CONF, operator);
    expect(operator.DUCKDB_JE_MALLOC_CONF).toBe('dirty_decay_ms:0');
  });

  test('a process that loads the DuckDB adapter has the preset (or the operator value) in its environment', () => {
    const seen = (env: NodeJS.ProcessEnv) => execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e',
      "await import('./pipeline/adapters/duckdb-warehouse.ts'); process.stdout.write(process.env.DUCKDB_JE_MALLOC_CONF ?? 'unset')"], { env, encoding: 'utf8' });
    const { DUCKDB_JE_MALLOC_CONF: _ignored, ...base } = process.env;
    expect(seen(base)).toBe(DEFAULT_DUCKDB_ALLOCATOR_CONF);
    expect(seen({ ...base, DUCKDB_JE_MALLOC_CONF: 'narenas:1' })).toBe('narenas:1');
  });
});
