/**
 * Schemas resolve (issue 22): every build writes each schema of its schema directory at the path its
 * `$id` names (`v1/schemas/...`), byte for byte; the manifest lists each one (owner `schemas`, listed
 * as complete but not counted as an endpoint, `application/schema+json`, `public, max-age=300`); the
 * preview serves each `$id`'s path; a publish puts each on its stable path with the same headers.
 * One toy build over a copy of the real `schemas/` plus the toy schema, on a fake warehouse.
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BuildManifest } from '../../../pipeline/manifest.ts';
import { createFixedClock } from '../../../pipeline/ports.ts';
import { startPreviewServer, type PreviewServer } from '../../../pipeline/preview/preview-server.ts';
import { publishBuild } from '../../../pipeline/publish/publish-build.ts';
import { runBuild } from '../../../pipeline/run-build.ts';
import { loadSchemaFiles, SCHEMAS_DIR, type SchemaFile } from '../../../pipeline/schema-registry.ts';
import { createFakeWarehouse } from '../../helpers/fake-warehouse.ts';
import { useLoopbackBucket } from '../../helpers/gcs-bucket.ts';
import { stableSnapshot } from '../../helpers/release-checks.ts';
import { TOY_SCHEMA_ID, toyExporter, writeToySchemas } from '../../helpers/toy-exporters.ts';

const bucket = useLoopbackBucket('schema-files');
let dir: string;
let schemasDir: string;
let schemas: SchemaFile[];
let manifest: BuildManifest;
let treeDir: string;
let preview: PreviewServer;

/** Worked out from the `$id` by hand: the URL's path without its slash. */
const pathOf = (id: string) => id.replace('https://nbaprops.com/', '');

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'schema-files-'));
  schemasDir = await writeToySchemas();
  await cp(SCHEMAS_DIR, schemasDir, { recursive: true });
  schemas = await loadSchemaFiles(schemasDir);
  const warehouse = createFakeWarehouse({ 'toy.daily': [{ game_date: '2025-03-14', player: 'a', points: 3 }] as never });
  const summary = await runBuild({ registry: [toyExporter()], schemasDir, outDir: path.join(dir, 'out'), warehouseAdapter: warehouse, clock: createFixedClock('2025-03-15T16:00:00Z') });
  manifest = summary.manifest!;
  treeDir = summary.treeDir!;
  preview = await startPreviewServer({ outDir: path.join(dir, 'out'), port: 0 });
}, 60_000);

afterAll(async () => {
  await preview?.close();
  await rm(dir, { recursive: true, force: true });
  await rm(schemasDir, { recursive: true, force: true });
});

describe('published schemas', () => {
  test('every schema is written at the path its $id names, byte for byte, and listed in the manifest', async () => {
    expect(schemas.length).toBeGreaterThan(20);
    expect(schemas.map((s) => s.id)).toContain('https://nbaprops.com/v1/schemas/results/daily.schema.json');
    const listed = manifest.files.filter((f) => f.exporter === 'schemas');
    expect(listed.map((f) => f.path).sort()).toEqual(schemas.map((s) => pathOf(s.id)).sort());
    for (const schema of schemas) {
      const source = await readFile(path.join(schemasDir, schema.file));
      expect((await readFile(path.join(treeDir, pathOf(schema.id)))).equals(source), schema.file).toBe(true);
      expect(listed.find((f) => f.path === pathOf(schema.id))).toMatchObject({
        bytes: source.length, content_type: 'application/schema+json', cache: 'schema', cache_control: 'public, max-age=300',
        schema: 'https://json-schema.org/draft/2020-12/schema',
      });
    }
    expect(manifest.endpoints.find((e) => e.exporter === 'schemas')).toMatchObject({ files: schemas.length, complete: true });
    expect(manifest.build.endpoint_count, 'the schemas are not an endpoint').toBe(1);
  });

  test('the preview answers every $id with the schema, its type and its Cache-Control', async () => {
    const answers = [];
    for (const schema of schemas) {
      const response = await fetch(new URL(new URL(schema.id).pathname, preview.url));
      answers.push([schema.id, response.status, response.headers.get('content-type'), response.headers.get('cache-control'), await response.json()]);
    }
    expect(answers).toEqual(schemas.map((s) => [s.id, 200, 'application/schema+json', 'public, max-age=300', s.schema]));
  });

  test('a publish puts every schema on its stable path with its headers', async () => {
    await publishBuild({ store: bucket.store(), treeDir });
    const live = stableSnapshot(bucket.server, bucket.prefix);
    expect(Object.keys(live).filter((name) => name.startsWith('v1/schemas/')).sort()).toEqual(schemas.map((s) => pathOf(s.id)).sort());
    for (const schema of schemas) {
      const object = live[pathOf(schema.id)]!;
      expect(object, schema.id).toMatchObject({ contentType: 'application/schema+json', cacheControl: 'public, max-age=300' });
      expect(Buffer.from(object.body, 'base64').equals(await readFile(path.join(schemasDir, schema.file))), schema.id).toBe(true);
    }
    expect(live[pathOf(TOY_SCHEMA_ID)]).toBeDefined();
  });
});
