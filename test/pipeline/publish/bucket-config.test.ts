/**
 * The bucket's settings keep write access off the public (issue 11): `applyBucketConfig` with
 * `desiredBucketConfig`, through the real GCS client against the loopback server. Whatever IAM
 * policy the bucket starts with (fast-check draws them), afterwards `allUsers` and
 * `allAuthenticatedUsers` hold no role beyond `roles/storage.objectViewer` (or the narrower
 * legacy object reader), every other member keeps exactly its roles, uniform bucket-level access
 * is on (no object ACL can grant anything), CORS is GET/HEAD only, and a second run changes nothing.
 * Asked to (`--public`, issue 18), it grants `allUsers` object read and nothing more, in the same
 * policy write; not asked, it leaves public read as it was and reports whether the public can read.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createStorageClient } from '../../../pipeline/adapters/gcs-object-store.ts';
import { applyBucketConfig, desiredBucketConfig } from '../../../pipeline/publish/bucket-config.ts';
import { startTestGcs, TEST_BUCKET } from '../../helpers/gcs-bucket.ts';
import type { GcsTestServer } from '../../helpers/gcs-server/gcs-server.ts';

/** What the public may hold: reading objects, nothing about the bucket and nothing that writes. */
const PUBLIC_READ = new Set(['roles/storage.objectViewer', 'roles/storage.legacyObjectReader']);
const PUBLIC = new Set(['allUsers', 'allAuthenticatedUsers']);
const ROLES = [
  'roles/storage.objectViewer', 'roles/storage.legacyObjectReader', 'roles/storage.legacyBucketReader', 'roles/storage.objectCreator', 'roles/storage.objectUser',
  'roles/storage.objectAdmin', 'roles/storage.admin', 'roles/storage.legacyBucketWriter', 'roles/storage.legacyBucketOwner', 'projects/p/roles/publisher',
];
const MEMBERS = ['allUsers', 'allAuthenticatedUsers', 'serviceAccount:publisher@p.iam.gserviceaccount.com', 'user:ops@example.com', 'projectOwner:p', 'group:web@example.com'];

let server: GcsTestServer;
beforeAll(async () => {
  server = await startTestGcs();
});
afterAll(() => server?.close());

const ORIGINS = ['https://nbaprops.com', 'https://www.nbaprops.com'];
const desired = desiredBucketConfig({ origins: ORIGINS, keepDays: 30, prefix: 'site' });
const bucket = () => createStorageClient({ endpoint: server.url }).bucket(TEST_BUCKET);
type Binding = { role: string; members: string[] };

function memberRoles(bindings: readonly Binding[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const { role, members } of bindings) for (const member of members) (out.get(member) ?? out.set(member, new Set()).get(member)!).add(role);
  return out;
}

async function applyOnto(bindings: Binding[], config = desired) {
  const state = server.state.bucket(TEST_BUCKET);
  state.iamPolicy = { version: 1, etag: `etag-${Math.random()}`, bindings: structuredClone(bindings) };
  const { changes, publicRead } = await applyBucketConfig(bucket(), config);
  return { changes, publicRead, after: server.state.bucket(TEST_BUCKET).iamPolicy.bindings as Binding[], fields: server.state.bucket(TEST_BUCKET).fields };
}

describe('bucket config', () => {
  test('a bucket open to public writes is closed: public read stays, everyone else keeps their roles', async () => {
    const { changes, after, fields } = await applyOnto([
      { role: 'roles/storage.objectViewer', members: ['allUsers'] },
      { role: 'roles/storage.objectAdmin', members: ['allUsers', 'serviceAccount:publisher@p.iam.gserviceaccount.com'] },
      { role: 'roles/storage.legacyBucketWriter', members: ['allAuthenticatedUsers'] },
      { role: 'roles/storage.legacyBucketReader', members: ['allUsers', 'projectOwner:p'] },
    ]);
    expect(changes.map((c) => c.setting).sort()).toEqual(['cors', 'iam', 'lifecycle', 'uniformBucketLevelAccess']);
    expect(memberRoles(after)).toEqual(new Map([
      ['allUsers', new Set(['roles/storage.objectViewer'])],
      ['serviceAccount:publisher@p.iam.gserviceaccount.com', new Set(['roles/storage.objectAdmin'])],
      ['projectOwner:p', new Set(['roles/storage.legacyBucketReader'])],
    ]));
    expect(fields.iamConfiguration).toMatchObject({ uniformBucketLevelAccess: { enabled: true } });
    // ETag exposed so a cross-origin client can read it (issue 18); the rest are safelisted anyway.
    expect(fields.cors).toEqual([{ origin: ORIGINS, method: ['GET', 'HEAD'], responseHeader: ['Content-Type', 'Cache-Control', 'ETag', 'Content-Length', 'If-None-Match'], maxAgeSeconds: 3600 }]);
    expect((await applyBucketConfig(bucket(), desired)), 'a second run changes nothing').toEqual({ changes: [], publicRead: true });
  });

  test('whatever the starting policy, the public ends with read access at most and nobody else changes; asked, allUsers reads objects', async () => {
    const binding = fc.record({ role: fc.constantFrom(...ROLES), members: fc.uniqueArray(fc.constantFrom(...MEMBERS), { minLength: 1, maxLength: 4 }) });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(binding, { maxLength: 6, selector: (b) => b.role }), fc.boolean(), async (bindings, grant) => {
        const { after, publicRead } = await applyOnto(bindings, grant ? publicDesired : desired);
        const before = memberRoles(bindings);
        const now = memberRoles(after);
        for (const [member, roles] of now) {
          if (PUBLIC.has(member)) for (const role of roles) expect(PUBLIC_READ.has(role), `${member} keeps ${role}`).toBe(true);
        }
        for (const [member, roles] of before) {
          const kept = PUBLIC.has(member) ? new Set([...roles].filter((role) => PUBLIC_READ.has(role))) : roles;
          if (grant && member === 'allUsers') kept.add('roles/storage.objectViewer');
          expect(now.get(member) ?? new Set(), member).toEqual(kept);
        }
        if (grant) expect(now.get('allUsers')).toContain('roles/storage.objectViewer');
        expect(publicRead).toBe([...(now.get('allUsers') ?? [])].some((role) => PUBLIC_READ.has(role)));
      }),
      { numRuns: 40 },
    );
  });
});

const publicDesired = desiredBucketConfig({ origins: ORIGINS, keepDays: 30, prefix: 'site', publicRead: true });
const SA = 'serviceAccount:publisher@p.iam.gserviceaccount.com';

describe('public read (issue 18)', () => {
  test('not asked: a private bucket stays private, and the result says the public cannot read', async () => {
    const { changes, publicRead, after } = await applyOnto([{ role: 'roles/storage.objectAdmin', members: [SA] }]);
    expect(changes.map((c) => c.setting)).not.toContain('publicRead');
    expect(publicRead).toBe(false);
    expect(after).toEqual([{ role: 'roles/storage.objectAdmin', members: [SA] }]);
  });

  test('asked: allUsers gets roles/storage.objectViewer, public write still goes, in one policy write; a second run changes nothing', async () => {
    server.resetCounts();
    const { changes, publicRead, after } = await applyOnto([
      { role: 'roles/storage.objectAdmin', members: [SA, 'allUsers'] },
      { role: 'roles/storage.objectViewer', members: ['group:web@example.com'] },
    ], publicDesired);
    expect(changes.filter((c) => c.setting === 'iam' || c.setting === 'publicRead')).toEqual([
      { setting: 'iam', detail: 'removed allUsers from roles/storage.objectAdmin' },
      { setting: 'publicRead', detail: 'granted roles/storage.objectViewer to allUsers (anyone may read objects)' },
    ]);
    expect(publicRead).toBe(true);
    expect(after).toEqual([
      { role: 'roles/storage.objectAdmin', members: [SA] },
      { role: 'roles/storage.objectViewer', members: ['group:web@example.com', 'allUsers'] },
    ]);
    expect(server.log.filter((r) => r.operation === 'buckets.setIamPolicy')).toHaveLength(1);
    expect(await applyBucketConfig(bucket(), publicDesired)).toEqual({ changes: [], publicRead: true });
  });

  test('asked, on a policy without an unconditional viewer binding: a new binding, conditional ones untouched', async () => {
    const conditional = { role: 'roles/storage.objectViewer', members: ['group:web@example.com'], condition: { title: 'site only', expression: 'resource.name.startsWith("projects/_/buckets/b/objects/site/")' } };
    const { after, publicRead } = await applyOnto([conditional], publicDesired);
    expect(after).toEqual([conditional, { role: 'roles/storage.objectViewer', members: ['allUsers'] }]);
    expect(publicRead).toBe(true);
  });
});
