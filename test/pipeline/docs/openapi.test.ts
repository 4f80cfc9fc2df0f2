/**
 * generated/openapi.json (issue 8): valid OpenAPI 3.1 by a kept validator
 * (@seriousme/openapi-schema-validator, the official 3.1 schema, offline), one GET per path
 * template and alias of every registered exporter, typed path parameters, bundled schemas whose
 * `$ref`s all resolve inside the document, and the build facts as `x-` extensions.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { beforeAll, describe, expect, test } from 'vitest';
import { documentedFreshness, exporters } from '../../../exporters/index.ts';
import { cacheControlFor } from '../../../pipeline/cache-policy.ts';
import { renderDocsArtifacts } from '../../../pipeline/docs/generate-docs.ts';
import { demoExporters, writeDemoSchemas, writeDemoWorkflows } from './docs-fixture.ts';

type Doc = { paths: Record<string, { get: Record<string, any> }>; components: { schemas: Record<string, any> } };

async function validate(doc: unknown) {
  return new Validator().validate(structuredClone(doc) as Record<string, unknown>);
}

/** Every `$ref` in the document, and whether it points at something in it. */
function unresolvedRefs(doc: unknown): string[] {
  const refs: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') refs.push(value);
      else visit(value);
    }
  };
  visit(doc);
  const resolves = (ref: string) => ref.startsWith('#/') && ref.slice(2).split('/').reduce<any>((n, t) => n?.[t.replace(/~1/g, '/').replace(/~0/g, '~')], doc) !== undefined;
  return refs.filter((ref) => !resolves(ref));
}

describe('the registry as OpenAPI', () => {
  let doc: Doc;
  beforeAll(async () => { doc = JSON.parse((await renderDocsArtifacts({ exporters, freshnessOf: documentedFreshness })).get('openapi.json')!); });

  test('validates against the OpenAPI 3.1 schema, and a broken copy does not', async () => {
    expect(await validate(doc)).toEqual({ valid: true });
    const optionalPathParam = structuredClone(doc);
    Object.values(optionalPathParam.paths).find((p) => p.get.parameters.length > 0)!.get.parameters[0].required = false;
    expect((await validate(optionalPathParam)).valid).toBe(false);
    const noInfo: Record<string, unknown> = structuredClone(doc);
    delete noInfo.info;
    expect((await validate(noInfo)).valid).toBe(false);
  });

  test('one GET per path template and alias of every registered exporter, under v1/', () => {
    const expected = exporters.flatMap((e) => [`/v1/${e.path}`, ...(e.aliases ?? []).map((a) => `/v1/${a.path}`)]);
    expect(Object.keys(doc.paths).sort()).toEqual(expected.sort());
    for (const e of exporters) {
      const op = doc.paths[`/v1/${e.path}`]!.get;
      expect(op['x-exporter']).toBe(e.id);
      expect(op['x-triggers']).toEqual(e.triggers);
      if (typeof e.cache === 'string') expect(op.responses['200'].headers['Cache-Control'].schema.enum).toEqual([cacheControlFor(e.cache)]);
    }
  });

  test('servers: the published API (configurable at generate time) and the local preview (issue 22)', async () => {
    expect((doc as unknown as { servers: { url: string }[] }).servers.map((s) => s.url)).toEqual(['https://nbaprops.com', 'http://127.0.0.1:4173']);
    const moved = JSON.parse((await renderDocsArtifacts({ exporters, freshnessOf: documentedFreshness, serverUrl: 'https://cdn.example/props' })).get('openapi.json')!) as { servers: { url: string }[] };
    expect(moved.servers[0]!.url).toBe('https://cdn.example/props');
    expect((await validate(moved)).valid).toBe(true);
  });

  test('every $ref resolves inside the document', () => {
    expect(unresolvedRefs(doc)).toEqual([]);
  });
});

describe('a small registry as OpenAPI', () => {
  let doc: Doc;
  beforeAll(async () => { doc = JSON.parse((await renderDocsArtifacts({ exporters: demoExporters, freshnessOf: documentedFreshness, schemasDir: await writeDemoSchemas(), workflowsDir: await writeDemoWorkflows() })).get('openapi.json')!); });

  test('is valid and lists exactly the templates and the alias', async () => {
    expect(await validate(doc)).toEqual({ valid: true });
    expect(Object.keys(doc.paths)).toEqual(['/v1/demo/{date}.json', '/v1/demo/latest.json', '/v1/demo/players/{player_lookup}.json']);
    expect(Object.values(doc.paths).map((p) => p.get.operationId)).toEqual(['getDemoByDate', 'getDemoLatest', 'getDemoPlayersByPlayerLookup']);
  });

  test('dates are format: date, player_lookup has the slug pattern', () => {
    expect(doc.paths['/v1/demo/{date}.json']!.get.parameters).toEqual([
      { name: 'date', in: 'path', required: true, description: 'A calendar date, YYYY-MM-DD, in America/New_York.', schema: { type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } },
    ]);
    expect(doc.paths['/v1/demo/players/{player_lookup}.json']!.get.parameters[0].schema).toEqual({ type: 'string', pattern: '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$' });
    expect(doc.paths['/v1/demo/latest.json']!.get.parameters).toEqual([]);
  });

  test('the response is the bundled schema by $ref, shared definitions included', () => {
    const ok = doc.paths['/v1/demo/{date}.json']!.get.responses['200'];
    expect(ok.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/DemoBoard' });
    expect(ok.content['application/json'].examples).toEqual({ sample: { $ref: '#/components/examples/DemoBoard' } });
    expect(doc.components.schemas.DemoBoard.properties.game_date.$ref).toBe('#/components/schemas/Common/$defs/date');
    expect(doc.components.schemas.DemoBoard.properties.best.anyOf[0]).toEqual({ $ref: '#/components/schemas/DemoBoard/$defs/row' });
    expect(doc.components.schemas.DemoBoard.$id).toBeUndefined();
    expect(unresolvedRefs(doc)).toEqual([]);
  });

  test('Cache-Control per file class, triggers, schedule and freshness as extensions', () => {
    const op = doc.paths['/v1/demo/{date}.json']!.get;
    expect(op.responses['200'].headers['Cache-Control'].schema.enum).toEqual(['public, max-age=300', 'public, max-age=86400, stale-while-revalidate=3600']);
    expect(op['x-cache']).toEqual([
      { preset: 'tonight', cacheControl: 'public, max-age=300', applies: "today's file" },
      { preset: 'daily', cacheControl: 'public, max-age=86400, stale-while-revalidate=3600', applies: 'past dates' },
    ]);
    expect(op['x-triggers']).toEqual(['daily', 'hourly']);
    const hourlyTimes = Array.from({ length: 17 }, (_, i) => `${String(6 + i).padStart(2, '0')}:07`);
    expect(op['x-schedule']).toEqual([
      { trigger: 'daily', text: 'every day at 05:07 ET', workflows: ['build-daily.yml'], cronUtc: ['7 10 * * *', '7 9 * * *'], easternTimes: ['05:07'] },
      { trigger: 'hourly', text: 'every hour at :07 from 06:07 to 22:07 ET', workflows: ['build-hourly.yml'], cronUtc: ['7 0-3,11-23 * * *'], easternTimes: hourlyTimes },
    ]);
    expect(doc.paths['/v1/demo/players/{player_lookup}.json']!.get['x-schedule']).toEqual([{ trigger: 'weekly', text: 'no scheduled workflow: manual builds only' }]);
    expect(op['x-freshness']).toEqual({
      cadence: 'hourly', warnAfterMinutes: 120, errorAfterMinutes: 240,
      text: 'stale after 2 h, error after 4 h (hourly cadence; between 02:00 and 06:00 ET measured as of the 02:00 run)',
    });
    const alias = doc.paths['/v1/demo/latest.json']!.get;
    expect(alias['x-alias']).toEqual({ of: 'v1/demo/{date}.json' });
    expect(alias.responses['200'].headers['Cache-Control'].schema.enum).toEqual(['public, max-age=300']);
  });
});
