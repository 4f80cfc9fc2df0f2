/**
 * `generated/openapi.json`: an OpenAPI 3.1 document of the static API. One GET operation per path
 * template and per alias (with the `v1/` prefix), typed path parameters (dates as `format: date`,
 * slugs with the pipeline's path-segment pattern), the response schema by `$ref` to the bundled
 * endpoint schema, Cache-Control as a response header, and the build facts as `x-` extensions:
 * `x-exporter`, `x-triggers`, `x-schedule`, `x-cache`, `x-freshness`, `x-alias`.
 */
import { API_VERSION, PATH_SEGMENT_PATTERN } from '../paths.ts';
import { DEFAULT_PREVIEW_ORIGIN } from '../preview/preview-options.ts';
import type { SchemaFile } from '../schema-registry.ts';
import type { EndpointFacts, EndpointPath } from './endpoint-facts.ts';
import { bundleSchemas, type BundledSchemas } from './openapi-components.ts';

export const OPENAPI_VERSION = '3.1.0';
const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

/** `serverUrl`: where the API is served (the `servers` entry), e.g. `https://nbaprops.com`. */
export function renderOpenApi(endpoints: readonly EndpointFacts[], schemas: readonly SchemaFile[], serverUrl: string): Record<string, unknown> {
  const bundled = bundleSchemas(schemas);
  const paths: Record<string, unknown> = {};
  const operationIds = new Set<string>();
  for (const endpoint of endpoints) {
    for (const path of endpoint.paths) {
      const operation = operationFor(endpoint, path, bundled);
      if (operationIds.has(operation.operationId)) throw new Error(`Internal error: two paths give the operation id ${operation.operationId}`);
      operationIds.add(operation.operationId);
      paths[`/${path.template}`] = { get: operation };
    }
  }
  return {
    openapi: OPENAPI_VERSION,
    info: {
      title: 'NBA props static JSON API',
      version: API_VERSION,
      description: 'Static JSON files served from a CDN in front of a Cloud Storage bucket. Every file is built from the warehouse by a scheduled job and validated against its JSON Schema before it is published. Paths under `' + API_VERSION + '/` never break without a version bump.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [
      { url: serverUrl, description: 'The published API (set at generate time: `props-api generate --server-url URL` or PROPS_API_SERVER_URL).' },
      { url: DEFAULT_PREVIEW_ORIGIN, description: 'A local build served by `props-api preview` (default port).' },
    ],
    tags: [...new Set(endpoints.map((e) => e.family))].map((name) => ({ name, description: `The ${name} endpoints.` })),
    paths,
    components: { schemas: bundled.schemas, examples: bundled.examples },
  };
}

function operationFor(endpoint: EndpointFacts, path: EndpointPath, bundled: BundledSchemas) {
  const exampleRef = bundled.exampleRefFor(endpoint.schema.id);
  const main = endpoint.paths[0]!;
  return {
    operationId: operationIdOf(path.template),
    tags: [endpoint.family],
    summary: path.alias ? `${endpoint.id} (alias of ${main.template})` : endpoint.id,
    description: endpoint.description,
    parameters: path.params.map((p) => ({
      name: p.name,
      in: 'path',
      required: true,
      description: p.kind === 'date' ? 'A calendar date, YYYY-MM-DD, in America/New_York.' : 'A slug: lower-case letters, digits and inner hyphens.',
      schema: p.kind === 'date' ? { type: 'string', format: 'date', pattern: DATE_PATTERN } : { type: 'string', pattern: PATH_SEGMENT_PATTERN.source },
    })),
    responses: {
      200: {
        description: `A ${endpoint.typeName} document.`,
        headers: {
          'Cache-Control': {
            description: path.cache.map((c) => (c.applies ? `${c.applies}: ${c.header}` : c.header)).join('; '),
            schema: { type: 'string', enum: [...new Set(path.cache.map((c) => c.header))] },
          },
        },
        content: { 'application/json': { schema: { $ref: bundled.refFor(endpoint.schema.id) }, ...(exampleRef ? { examples: { sample: { $ref: exampleRef } } } : {}) } },
      },
      404: { description: 'No such file: the parameter value was never built (or is outside the published window).' },
    },
    'x-exporter': endpoint.id,
    'x-alias': path.alias ? { of: main.template } : undefined,
    'x-triggers': endpoint.triggers.map((t) => t.trigger),
    'x-schedule': endpoint.triggers.map((t) => ({
      trigger: t.trigger,
      text: t.schedule,
      ...(t.runs ? { workflows: t.runs.workflows, cronUtc: t.runs.cron, easternTimes: t.runs.easternTimes } : {}),
    })),
    'x-cache': path.cache.map((c) => ({ preset: c.preset, cacheControl: c.header, ...(c.applies ? { applies: c.applies } : {}) })),
    'x-freshness': {
      cadence: endpoint.freshness.cadence,
      warnAfterMinutes: endpoint.freshness.warnAfterMinutes,
      errorAfterMinutes: endpoint.freshness.errorAfterMinutes,
      text: endpoint.freshness.text,
    },
  };
}

/** `v1/results/{date}.json` → `getResultsByDate`; `v1/systems/performance.json` → `getSystemsPerformance`. */
export function operationIdOf(template: string): string {
  const segments = template.replace(/^v\d+\//, '').replace(/\.json$/, '').split('/');
  const words = segments.map((s) => (s.startsWith('{') ? `By${pascal(s.slice(1, -1))}` : pascal(s)));
  return `get${words.join('')}`;
}

function pascal(text: string): string {
  return text.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}
