/**
 * The size limits' options (issue 18): defaults, PROPS_API_MAX_* variables, `--max-*` flags of
 * `props-api build` (a flag beats the variable, the variable beats the default), each validated
 * eagerly as a whole number ≥ 1 with the InvalidOption template, naming the flag or variable.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { main } from '../../pipeline/cli.ts';
import { buildOptionsFromFlags } from '../../pipeline/commands/build.ts';
import { resolveOptions } from '../../pipeline/config.ts';
import { ExportError } from '../../pipeline/errors.ts';

afterEach(() => { vi.restoreAllMocks(); });

function invalid(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ExportError);
    expect((error as ExportError).code).toBe('InvalidOption');
    return (error as Error).message;
  }
  throw new Error('expected InvalidOption');
}

describe('size limit options', () => {
  test('defaults: 10,000,000 bytes per file, 65,536 characters per string, 20,000 files per build', () => {
    expect(resolveOptions({}, { env: {}, file: {} })).toMatchObject({ maxFileBytes: 10_000_000, maxStringChars: 65_536, maxFiles: 20_000 });
  });

  test('a variable sets a limit, an empty one is unset, a flag (or option) beats the variable', () => {
    const env = { PROPS_API_MAX_FILE_BYTES: '2000000', PROPS_API_MAX_STRING_CHARS: '', PROPS_API_MAX_FILES: '500' };
    expect(resolveOptions({}, { env, file: {} })).toMatchObject({ maxFileBytes: 2_000_000, maxStringChars: 65_536, maxFiles: 500 });
    const flags = buildOptionsFromFlags({ 'max-files': '40000', 'max-string-chars': '100' });
    expect(flags).toMatchObject({ maxFiles: 40_000, maxStringChars: 100 });
    expect(flags).not.toHaveProperty('maxFileBytes');
    expect(resolveOptions(flags, { env, file: {} })).toMatchObject({ maxFileBytes: 2_000_000, maxStringChars: 100, maxFiles: 40_000 });
  });

  test.each(['0', '-1', '1e3', '12abc', ' 5', '1.5', '99999999999999999999'])('%j is refused as a flag and as a variable', (text) => {
    expect(invalid(() => buildOptionsFromFlags({ 'max-files': text }))).toBe(`Expected \`--max-files\` to be a whole number ≥ 1, got \`${text}\` (string)`);
    expect(invalid(() => resolveOptions({}, { env: { PROPS_API_MAX_STRING_CHARS: text }, file: {} }))).toBe(`Expected \`PROPS_API_MAX_STRING_CHARS\` to be a whole number ≥ 1, got \`${text}\` (string)`);
  });

  test('a programmatic limit must be an integer ≥ 1', () => {
    expect(invalid(() => resolveOptions({ maxFileBytes: 0 }, { env: {}, file: {} }))).toBe('Expected `maxFileBytes` to be an integer ≥ 1, got `0` (number)');
    expect(invalid(() => resolveOptions({ maxFiles: 2.5 }, { env: {}, file: {} }))).toBe('Expected `maxFiles` to be an integer ≥ 1, got `2.5` (number)');
  });

  test('props-api build refuses a bad flag before opening the warehouse, and lists the flags in --help', async () => {
    const err: string[] = [];
    const out: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    expect(await main(['build', '--max-file-bytes', '0', '--warehouse', 'duckdb:/nonexistent/warehouse.duckdb'])).toBe(1);
    expect(err.join('')).toBe('✖ [InvalidOption] Expected `--max-file-bytes` to be a whole number ≥ 1, got `0` (string)\n');
    expect(await main(['build', '--help'])).toBe(0);
    for (const text of ['--max-file-bytes N', 'PROPS_API_MAX_FILE_BYTES', '--max-string-chars N', 'PROPS_API_MAX_STRING_CHARS', '--max-files N', 'PROPS_API_MAX_FILES']) expect(out.join('')).toContain(text);
  });
});
