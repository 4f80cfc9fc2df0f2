/**
 * For live-loop tests: a stand-in status endpoint (trigger `live`, no feed) that publishes what
 * the build knows about the live endpoints' freshness, validated against a copy of the real
 * schema directory plus its own schema; and the local live tree (newest build wins per path).
 */
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { endpointStates } from '../../exporters/status/endpoint-states.ts';
import { defineExporter, inputOf, type AnyExporter } from '../../pipeline/define-exporter.ts';
import { listLocalBuilds } from '../../pipeline/out-dir.ts';
import { SCHEMAS_DIR } from '../../pipeline/schema-registry.ts';
import { sql } from '../../pipeline/sql.ts';

const PROBE_SCHEMA_ID = 'https://nbaprops.com/v1/schemas/probe/status.schema.json';
export const PROBE_PATH = 'v1/probe/status.json';

export interface ProbeStatus {
  generated_at: string;
  endpoints: { exporter: string; last_built_at: string | null; last_error_code: string | null }[];
}

/** The real schemas plus the probe's, in a temporary directory. */
export async function schemasWithProbe(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'live-schemas-'));
  await cp(SCHEMAS_DIR, dir, { recursive: true });
  await mkdir(path.join(dir, 'probe'));
  const entry = { type: 'object', additionalProperties: false, required: ['exporter', 'last_built_at', 'last_error_code'], properties: {
    exporter: { type: 'string' }, last_built_at: { type: ['string', 'null'] }, last_error_code: { type: ['string', 'null'] },
  } };
  await writeFile(path.join(dir, 'probe', 'status.schema.json'), JSON.stringify({
    $schema: 'https://json-schema.org/draft/2020-12/schema', $id: PROBE_SCHEMA_ID, title: 'ProbeStatus', type: 'object', additionalProperties: false,
    required: ['generated_at', 'endpoints'], properties: { generated_at: { type: 'string' }, endpoints: { type: 'array', items: entry }, sample_data: { const: true } },
  }));
  return dir;
}

export const statusProbe: AnyExporter = defineExporter({
  id: 'probe.status',
  schema: PROBE_SCHEMA_ID,
  description: 'status stand-in for live-loop tests',
  triggers: ['live'],
  path: 'probe/status.json',
  cache: 'status',
  needs: [endpointStates],
  params: () => [{}],
  query: { sql: sql`SELECT 1 AS one`, bind: () => ({}), columns: { one: 'integer' }, key: ['one'] },
  render: (_rows, _params, ctx): ProbeStatus => ({
    generated_at: ctx.generatedAt,
    endpoints: inputOf(ctx, endpointStates).filter((s) => s.exporter.startsWith('live.')).map((s) => ({ exporter: s.exporter, last_built_at: s.lastBuiltAt, last_error_code: s.lastErrorCode })),
  }),
});

/** Every file of the local live tree under `prefix` (the newest build that holds a path wins), as bytes. */
export async function localTree(outDir: string, prefix = 'v1/'): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const build of await listLocalBuilds(outDir)) {
    for (const file of build.manifest.files) {
      if (file.path.startsWith(prefix)) files.set(file.path, await readFile(path.join(build.dir, file.path)));
    }
  }
  return files;
}
