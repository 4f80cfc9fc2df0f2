/**
 * The docs artifacts of `npm run generate`, next to the types in `generated/`:
 * `openapi.json` and `docs/` (docs-page.ts); the client package is pipeline/client/render-client.ts.
 * Rendered in memory (a staleness test compares them with the committed files), written only
 * when they changed.
 */
import { DEFAULT_SERVER_URL } from '../config.ts';
import type { AnyExporter } from '../define-exporter.ts';
import { renderGeneratedTypes, typeFileFor } from '../generate-types.ts';
import { SCHEMAS_DIR, loadSchemaFiles } from '../schema-registry.ts';
import { renderDocsFiles } from './docs-page.ts';
import { describeEndpoint } from './endpoint-facts.ts';
import type { FreshnessOf } from './freshness.ts';
import { renderOpenApi } from './openapi.ts';
import { listSchemaFields } from './schema-fields.ts';
import { createSchemaResolver } from './schema-resolver.ts';
import { readWorkflowSchedules, WORKFLOWS_DIR } from './workflow-schedules.ts';

export interface DocsArtifactsOptions {
  /** The registered exporters (exporters/index.ts), in registry order. */
  exporters: readonly AnyExporter[];
  /** Each endpoint's freshness thresholds: status.json's rules (exporters/status/documented-freshness.ts). */
  freshnessOf: FreshnessOf;
  /** @default schemas/ */
  schemasDir?: string;
  /** The scheduled workflows that say when each trigger runs. @default .github/workflows/ */
  workflowsDir?: string;
  /** The `servers` URL of openapi.json. @default DEFAULT_SERVER_URL (config.ts) */
  serverUrl?: string;
  /** The generated type files (path under generated/ → text); rendered from the schemas when omitted. */
  types?: ReadonlyMap<string, string>;
}

/** Path under `generated/` → contents. */
export async function renderDocsArtifacts(options: DocsArtifactsOptions): Promise<Map<string, string>> {
  const schemasDir = options.schemasDir ?? SCHEMAS_DIR;
  const schemas = await loadSchemaFiles(schemasDir);
  const types = options.types ?? await renderGeneratedTypes(schemasDir);
  const schedules = await readWorkflowSchedules(options.workflowsDir ?? WORKFLOWS_DIR);
  const endpoints = options.exporters.map((exporter) => describeEndpoint(exporter, { schemas, schedules, freshnessOf: options.freshnessOf }));
  const resolver = createSchemaResolver(schemas);
  const sections = endpoints.map((endpoint) => ({
    endpoint,
    fields: listSchemaFields(resolver.root(endpoint.schema.id)!, resolver),
    typeText: types.get(typeFileFor(endpoint.schema.file)) ?? '',
  }));
  return new Map([
    ['openapi.json', `${JSON.stringify(renderOpenApi(endpoints, schemas, options.serverUrl ?? DEFAULT_SERVER_URL), null, 2)}\n`],
    ...[...renderDocsFiles(sections)].map(([file, text]): [string, string] => [`docs/${file}`, text]),
  ]);
}
