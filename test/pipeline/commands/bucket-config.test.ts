/**
 * `props-api bucket-config` as an operator runs it (issue 18), through the real GCS client
 * against the loopback server: the settings it prints, `--public` granting object read to
 * `allUsers`, a closing line that says whether the public can read and how to grant it, and
 * `--origin` taking several origins (repeated or comma-separated), each checked to be an origin
 * exactly as a browser sends it before anything is read or written.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import bucketConfig, { BUCKET_CONFIG_USAGE } from '../../../pipeline/commands/bucket-config.ts';
import type { CommandArgs } from '../../../pipeline/commands/command.ts';
import { ConfigError } from '../../../pipeline/errors.ts';
import { useTally } from '../../helpers/fault-tally.ts';
import { startTestGcs, TEST_BUCKET } from '../../helpers/gcs-bucket.ts';
import type { GcsTestServer } from '../../helpers/gcs-server/gcs-server.ts';

const tally = useTally('bucket-config-command');
const SA = 'serviceAccount:publisher@p.iam.gserviceaccount.com';
const EXPOSED = ['Content-Type', 'Cache-Control', 'ETag', 'Content-Length', 'If-None-Match'];

let server: GcsTestServer;
beforeAll(async () => { server = await startTestGcs(); });
afterAll(() => server?.close());
beforeEach(() => {
  const bucket = server.state.bucket(TEST_BUCKET);
  bucket.fields = {};
  bucket.iamPolicy = { version: 1, etag: 'CAE=', bindings: [{ role: 'roles/storage.objectAdmin', members: [SA] }] };
  server.resetCounts();
});
afterEach(() => vi.restoreAllMocks());

/** Runs the command and returns what it wrote to stdout and stderr. */
async function run(values: CommandArgs['values']) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk)) > 0);
  try {
    const code = await bucketConfig.run({ values: { bucket: `gs://${TEST_BUCKET}`, endpoint: server.url, ...values }, positionals: [] });
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    vi.restoreAllMocks();
  }
}

describe('bucket-config command', () => {
  test('the help says what public read is and how to get it', () => {
    expect(BUCKET_CONFIG_USAGE).toMatch(/--public +grant allUsers object read \(roles\/storage\.objectViewer\)/);
    expect(BUCKET_CONFIG_USAGE).toMatch(/Without --public, public read is left as\s+the bucket has it/);
    expect(BUCKET_CONFIG_USAGE).toMatch(/exposing Content-Type, Cache-Control, ETag, Content-Length/);
  });

  test('printing: the default origins include www, ETag and Content-Length are exposed, and public read is said to be not requested', async () => {
    const printed = await run({});
    expect(printed.code).toBe(0);
    const desired = JSON.parse(printed.stdout) as { cors: { origin: string[]; responseHeader: string[] }[]; grantPublicRead: boolean };
    expect(desired.cors[0]!.origin).toEqual(['https://nbaprops.com', 'https://www.nbaprops.com', 'http://localhost:3000']);
    expect(desired.cors[0]!.responseHeader).toEqual(EXPOSED);
    expect(desired.grantPublicRead).toBe(false);
    expect(printed.stderr).toMatch(/public read: not requested, left as the bucket has it \(add --public to grant roles\/storage\.objectViewer to allUsers\)/);
    expect(server.log, 'printing reads nothing').toEqual([]);
    expect(JSON.parse((await run({ public: true })).stdout)).toMatchObject({ grantPublicRead: true });
  });

  test('applying without --public says plainly that the public cannot read; --public grants it, once', async () => {
    const privately = await run({ apply: true });
    expect(privately.stderr).toMatch(/public read: NOT granted, only IAM members may read objects \(add --public to grant roles\/storage\.objectViewer to allUsers\)\n$/);
    expect(server.state.bucket(TEST_BUCKET).iamPolicy.bindings).toEqual([{ role: 'roles/storage.objectAdmin', members: [SA] }]);

    const publicly = await run({ apply: true, public: true });
    expect(publicly.stderr).toContain('  publicRead: granted roles/storage.objectViewer to allUsers (anyone may read objects)\n');
    expect(publicly.stderr).toMatch(/: 1 setting\(s\) changed; public read: allUsers may read objects\n$/);
    expect(server.state.bucket(TEST_BUCKET).iamPolicy.bindings).toEqual([
      { role: 'roles/storage.objectAdmin', members: [SA] },
      { role: 'roles/storage.objectViewer', members: ['allUsers'] },
    ]);
    expect((await run({ apply: true, public: true })).stderr).toMatch(/already as needed, nothing changed; public read: allUsers may read objects\n$/);
    expect((await run({ apply: true })).stderr, 'without --public an existing grant stays').toMatch(/nothing changed; public read: allUsers may read objects\n$/);
  });

  test('--origin takes several origins, repeated or comma-separated, in order and without duplicates', async () => {
    await run({ apply: true, origin: ['https://www.nbaprops.com, https://staging.nbaprops.com', 'http://localhost:5173,https://www.nbaprops.com', 'http://[::1]:8080'] });
    expect(server.state.bucket(TEST_BUCKET).fields.cors).toEqual([{
      origin: ['https://www.nbaprops.com', 'https://staging.nbaprops.com', 'http://localhost:5173', 'http://[::1]:8080'],
      method: ['GET', 'HEAD'], responseHeader: EXPOSED, maxAgeSeconds: 3600,
    }]);
  });

  // Each would never equal a browser's Origin header, so CORS would silently never match.
  test.for([
    'https://nbaprops.com/', 'https://nbaprops.com/api', 'nbaprops.com', 'ftp://nbaprops.com', 'https://NBAPROPS.com', 'https://nbaprops.com:443',
    'https://user@nbaprops.com', 'https://nbaprops.com?x=1', 'https://nbaprops.com#top', '*', '',
  ])('%j is refused as an origin, naming it, before the bucket is touched', async (origin) => {
    tally.add('badInputs');
    const refused = run({ apply: true, origin: [`https://www.nbaprops.com,${origin}`] });
    await expect(refused).rejects.toThrow(ConfigError);
    await expect(refused).rejects.toMatchObject({ code: 'InvalidOption', message: expect.stringContaining(`got \`${origin}\``) });
    expect(server.log).toEqual([]);
  });
});
