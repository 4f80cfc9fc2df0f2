/**
 * The fault suite's whole-bucket checks, on a bucket written directly: `invalidFileProblems`
 * checks each stored body once per schema, so a body that changes is checked again and a body
 * seen before gives the same verdict on any path.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { auditSchemas, invalidFileProblems } from './bucket-audit.ts';
import { startTestGcs, TEST_BUCKET } from './gcs-bucket.ts';
import type { GcsTestServer } from './gcs-server/gcs-server.ts';

let server: GcsTestServer;
beforeAll(async () => {
  server = await startTestGcs();
});
afterAll(() => server.close());

const put = (name: string, body: string) => server.state.putObject(TEST_BUCKET, `audit/${name}`, Buffer.from(body), { contentType: 'application/json' }, {});

test('a live body that changes is checked again; the same bytes on another path give the same verdict', async () => {
  const schemas = await auditSchemas();
  expect(await auditSchemas()).toBe(schemas);
  put('v1/a.json', '{"ok":true}');
  expect(invalidFileProblems(server, 'audit', schemas)).toEqual([]);
  put('v1/a.json', '{"ok":');
  expect(invalidFileProblems(server, 'audit', schemas)).toEqual(['v1/a.json: not JSON']);
  put('v1/b.json', '{"ok":');
  put('v1/a.json', '{"ok":true}');
  expect(invalidFileProblems(server, 'audit', schemas)).toEqual(['v1/b.json: not JSON']);
  expect(invalidFileProblems(server, 'audit')).toEqual(['v1/b.json: not JSON']);
});
