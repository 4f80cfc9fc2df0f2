/**
 * `generate --server-url` / PROPS_API_SERVER_URL (issue 22): openapi.json's `servers` URL, from the
 * flag, else the environment (empty counts as unset), else the default; refused eagerly when it is
 * not an http(s) URL above the `v1/` paths.
 */
import { describe, expect, test } from 'vitest';
import { DEFAULT_SERVER_URL, resolveServerUrl } from '../../pipeline/config.ts';
import { useTally } from '../helpers/fault-tally.ts';

const tally = useTally('server-url');

describe('resolveServerUrl', () => {
  test('flag, then PROPS_API_SERVER_URL, then https://nbaprops.com', () => {
    expect(DEFAULT_SERVER_URL).toBe('https://nbaprops.com');
    expect(resolveServerUrl(undefined, {})).toBe('https://nbaprops.com');
    expect(resolveServerUrl(undefined, { PROPS_API_SERVER_URL: ' ' })).toBe('https://nbaprops.com');
    expect(resolveServerUrl(undefined, { PROPS_API_SERVER_URL: 'https://cdn.example' })).toBe('https://cdn.example');
    expect(resolveServerUrl('http://127.0.0.1:8080/api', { PROPS_API_SERVER_URL: 'https://cdn.example' })).toBe('http://127.0.0.1:8080/api');
  });

  test.each(['nbaprops.com', 'ftp://nbaprops.com', 'https://nbaprops.com/', 'https://nbaprops.com/?x=1', ''])('refuses %j', (value) => {
    tally.add('badInputs');
    expect(() => resolveServerUrl(value, {})).toThrow(/Expected `--server-url` to be an http\(s\) URL/);
  });
});
