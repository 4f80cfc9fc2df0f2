/**
 * Whole-bucket checks for the fault suite, read straight from the loopback server's memory
 * (never through the client under test):
 *
 * - `tornReleaseProblems`: the bucket is a complete release. The release manifest lists exactly
 *   the live stable objects, each with the listed bytes and headers. While a commit is in flight
 *   (`committing`, left by a publish that failed or died part-way) the only other stable objects
 *   are paths of its pending copies and deletes, and every pending copy's staged source holds its
 *   bytes, so the next publish can finish it.
 * - `invalidFileProblems`: every live JSON object parses, and validates against the schema its
 *   manifest entry names when that schema is in `schemas/` (fake publish trees use made-up ones).
 * - `lostFileProblems`: a file that was live before an operation is still live afterwards, unless
 *   the operation meant to drop it (a publish's planned deletes, or a pending commit's deletes).
 * - `bucketGenerations`: every object of the bucket (any prefix) with its generation, to show
 *   that an operation refused before it wrote or deleted anything.
 */
import { STABLE_PREFIX, RELEASE_MANIFEST_PATH } from '../../pipeline/publish/release-manifest.ts';
import { createSchemaRegistry, type SchemaRegistry } from '../../pipeline/schema-registry.ts';
import type { GcsTestServer } from './gcs-server/gcs-server.ts';
import type { ServerObject } from './gcs-server/gcs-state.ts';
import { TEST_BUCKET } from './gcs-bucket.ts';
import { bucketObjects, decodedBody, liveReleaseManifest, pendingCommitProblems, releaseInvariantProblems, stableSnapshot } from './release-checks.ts';

export type StableSnapshot = ReturnType<typeof stableSnapshot>;

export function stableNames(server: GcsTestServer, prefix = ''): string[] {
  return [...bucketObjects(server, prefix).keys()].filter((name) => name.startsWith(STABLE_PREFIX) && name !== RELEASE_MANIFEST_PATH).sort();
}

export function tornReleaseProblems(server: GcsTestServer, prefix = ''): string[] {
  const manifest = liveReleaseManifest(server, prefix);
  const live = stableNames(server, prefix);
  if (!manifest) return live.map((name) => `${name}: live without a release manifest`);
  const listed = new Set(manifest.files.map((file) => file.path));
  const pending = new Set(manifest.pending ? [...manifest.pending.copy.map((file) => file.path), ...manifest.pending.delete] : []);
  const problems = [...releaseInvariantProblems(server, prefix), ...pendingCommitProblems(server, prefix)];
  for (const name of live) if (!listed.has(name) && !pending.has(name)) problems.push(`${name}: live but not in the release manifest`);
  if (manifest.state === 'committed' && manifest.pending) problems.push('committed manifest with a pending commit');
  return problems;
}

let sharedSchemas: Promise<SchemaRegistry> | undefined;

/**
 * The schemas of `schemas/` for `invalidFileProblems`, loaded once per worker: test files share
 * it (and its compiled validators) instead of compiling every schema again.
 */
export function auditSchemas(): Promise<SchemaRegistry> {
  sharedSchemas ??= createSchemaRegistry();
  return sharedSchemas;
}

/**
 * What checking one stored body against one schema found, by the body's MD5 (the server's, of
 * the stored bytes) and encoding and the schema: the same bytes are checked once, however many
 * paths, trials and publishes hold them. Per registry, so another set of schemas checks again.
 */
const verdicts = new WeakMap<object, Map<string, string | null>>();
/** The verdicts' key when no registry is given (bodies are then only parsed). */
const NO_SCHEMAS = {};

function bodyProblem(object: ServerObject, schema: string | undefined, schemas: SchemaRegistry | undefined): string | null {
  const registry = schemas ?? NO_SCHEMAS;
  let known = verdicts.get(registry);
  if (!known) verdicts.set(registry, (known = new Map()));
  const key = `${object.md5Hash} ${object.contentEncoding ?? ''} ${schema ?? ''}`;
  if (!known.has(key)) known.set(key, checkBody(object, schema, schemas));
  return known.get(key)!;
}

function checkBody(object: ServerObject, schema: string | undefined, schemas: SchemaRegistry | undefined): string | null {
  let payload: unknown;
  try {
    payload = JSON.parse(decodedBody(object).toString('utf8'));
  } catch {
    return 'not JSON';
  }
  if (!schemas || !schema || !schemas.has(schema)) return null;
  const validate = schemas.validator(schema);
  return validate(payload) ? null : `does not match ${schema} (${validate.errors?.[0]?.instancePath} ${validate.errors?.[0]?.message})`;
}

export function invalidFileProblems(server: GcsTestServer, prefix: string, schemas?: SchemaRegistry): string[] {
  const manifest = liveReleaseManifest(server, prefix);
  const schemaOf = new Map((manifest?.files ?? []).map((file) => [file.path, file.schema]));
  const objects = bucketObjects(server, prefix);
  const problems: string[] = [];
  for (const name of stableNames(server, prefix)) {
    const object = objects.get(name)!;
    if (!(object.contentType ?? '').startsWith('application/json')) continue;
    const problem = bodyProblem(object, schemaOf.get(name), schemas);
    if (problem) problems.push(`${name}: ${problem}`);
  }
  return problems;
}

export function lostFileProblems(before: StableSnapshot, server: GcsTestServer, prefix = '', options: { allowedDrops?: Iterable<string> } = {}): string[] {
  const pendingDeletes = liveReleaseManifest(server, prefix)?.pending?.delete ?? [];
  const allowed = new Set([...(options.allowedDrops ?? []), ...pendingDeletes]);
  const now = new Set(stableNames(server, prefix));
  return Object.keys(before).filter((name) => !now.has(name) && !allowed.has(name)).map((name) => `${name}: was live and is gone, though nothing dropped it`);
}

/** `name → generation` for every object in the test bucket: equal before and after means nothing was written or deleted. */
export function bucketGenerations(server: GcsTestServer): Record<string, string> {
  return Object.fromEntries([...server.state.bucket(TEST_BUCKET).objects].map(([name, object]) => [name, object.generation]).sort(([a], [b]) => (a! < b! ? -1 : 1)));
}
