/**
 * Environment presets for native libraries (issue 10): DuckDB's jemalloc reads
 * DUCKDB_JE_MALLOC_CONF once, when the library loads, so the build presets it (by the memory
 * profile, PROPS_API_MEMORY) unless the operator set it.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { DEFAULT_DUCKDB_ALLOCATOR_CONF, MEMORY_PROFILES, memoryProfileFrom, setDefaultEnvironment, withoutOwnDefaults } from '../../pipeline/config.ts';

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
    // The lean memory profile returns DuckDB's freed pages at once; an operator value still wins.
    expect(seen({ ...base, PROPS_API_MEMORY: 'lean' })).toBe('dirty_decay_ms:0,muzzy_decay_ms:0');
    expect(seen({ ...base, PROPS_API_MEMORY: 'lean', DUCKDB_JE_MALLOC_CONF: 'narenas:1' })).toBe('narenas:1');
  });
});

describe('withoutOwnDefaults', () => {
  test("a child does not inherit this process's defaults as if an operator had set them", () => {
    const name = 'PROPS_API_TEST_DEFAULTED';
    try {
      setDefaultEnvironment(name, 'ours');
      expect(process.env[name]).toBe('ours');
      expect(withoutOwnDefaults()[name]).toBeUndefined();
      process.env[name] = 'operator'; // changed since: no longer ours to drop
      expect(withoutOwnDefaults()[name]).toBe('operator');
      expect(withoutOwnDefaults({ OTHER: 'x' })).toEqual({ OTHER: 'x' });
    } finally {
      delete process.env[name];
    }
  });
});

describe('memoryProfileFrom (PROPS_API_MEMORY)', () => {
  test('unset or empty is fast; fast and lean are taken as given', () => {
    expect(memoryProfileFrom({})).toBe('fast');
    expect(memoryProfileFrom({ PROPS_API_MEMORY: '' })).toBe('fast');
    expect(memoryProfileFrom({ PROPS_API_MEMORY: 'lean' })).toBe('lean');
    expect(memoryProfileFrom({ PROPS_API_MEMORY: 'fast' })).toBe('fast');
    expect(MEMORY_PROFILES.fast.duckdbAllocator).toBe(DEFAULT_DUCKDB_ALLOCATOR_CONF);
    expect(MEMORY_PROFILES.lean.v8Flags).toEqual(['--optimize-for-size']);
  });

  test('anything else is refused with the house message, and the CLI stops before any command', () => {
    expect(() => memoryProfileFrom({ PROPS_API_MEMORY: 'Lean' })).toThrow('Expected `PROPS_API_MEMORY` to be `fast` or `lean`, got `Lean` (string)');
    let failure: { status: number | null; stderr: string } | undefined;
    try {
      execFileSync(process.execPath, ['scripts/props-api.js', 'build'], { env: { ...process.env, PROPS_API_MEMORY: 'small' }, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      failure = error as { status: number | null; stderr: string };
    }
    expect(failure?.status).toBe(2);
    expect(failure?.stderr).toContain('✖ [InvalidOption] Expected `PROPS_API_MEMORY` to be `fast` or `lean`, got `small` (string)');
  });
});
