/**
 * Preview server fuzz (fast-check): request targets assembled from traversal pieces (`..`,
 * `%2e`, `%2f`, `\`, `%00`, build ids, decoy file names…), sent verbatim. Whatever the target,
 * the answer is a refusal (400, 404, 405) or a file the live tree lists, byte for byte; never a
 * decoy file from beside the builds (they carry SECRET), never a 5xx.
 */
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { MANIFEST_FILE } from '../../../pipeline/manifest.ts';
import { fakeFileBytes } from '../../helpers/fake-out-dir.ts';
import { rawRequest } from '../../helpers/raw-http.ts';
import { NEWER_BUILD, OLDER_BUILD, previewTest as test, SECRET } from './fixture-builds.ts';

const PIECES = [
  '/', '//', 'v1', 'results', 'latest.json', '2025-03-13.json', 'systems', 'performance.json', '..', '.', '%2e', '%2E', '%2e%2e', '%2f', '%2F', '%5c', '%5C', '\\',
  '%00', '%', '%%', '%E0%A4%A', '%C3%A9', 'package.json', MANIFEST_FILE, 'unlisted.json', OLDER_BUILD.id, NEWER_BUILD.id, '?x=1', ';', '~', 'index.html',
];
const target = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 8 }).map((parts) => `/${parts.join('')}`);
const method = fc.constantFrom('GET', 'HEAD', 'GET', 'POST', 'DELETE');

/** Bodies the live tree may serve: every listed file of both builds (the newer one wins where both list a path). */
const LISTED = new Set([...OLDER_BUILD.files, ...NEWER_BUILD.files].map((file) => fakeFileBytes(file.body).toString('base64')));

describe('preview: fuzzed request targets', () => {
  test('every answer is a refusal or a listed file, never a decoy and never a 5xx', async ({ preview }) => {
    const statuses: number[] = [];
    await fc.assert(
      fc.asyncProperty(target, method, async (path, verb) => {
        const res = await rawRequest(preview.url, path, { method: verb, headers: { 'accept-encoding': 'identity' } });
        expect(res.body.toString('latin1')).not.toContain(SECRET);
        statuses.push(res.status);
        expect([200, 400, 404, 405]).toContain(res.status);
        if (res.status !== 200 || verb === 'HEAD') return;
        const pathname = path.split('?')[0];
        const page = pathname === '/' || pathname === `/${MANIFEST_FILE}` || pathname!.startsWith('/docs');
        if (!page) expect(LISTED.has(res.body.toString('base64')), `${path} served something unlisted`).toBe(true);
      }),
      // Listed files among the random targets, so the "served" branch is always exercised.
      { numRuns: 300, examples: [['/v1/results/latest.json', 'GET'], ['/v1/systems/performance.json', 'GET'], [`/${NEWER_BUILD.id}/v1/systems/performance.json`, 'GET'], ['/v1/results/2025-03-13.json?x=1', 'GET']] },
    );
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(2);
    expect(statuses.filter((status) => status === 400).length).toBeGreaterThan(0);
  });
});
