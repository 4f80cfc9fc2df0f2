/**
 * The client's table of paths, generated from the registry: `endpoints.js` (what the runtime
 * needs: each path template and alias with its parameters, its exporter id and its validator
 * loader, plus the build's own path rules) and the `Endpoints` interface of `index.d.ts` (each
 * path → its parameters and payload type), so `api.get` is typed per path.
 */
import type { AnyExporter } from '../define-exporter.ts';
import { paramKindOf, type ParamKind } from '../docs/example-paths.ts';
import { typeFileFor } from '../generate-types.ts';
import { API_VERSION, PATH_SEGMENT_PATTERN, placeholdersOf } from '../paths.ts';
import type { SchemaFile } from '../schema-registry.ts';
import { DATE_RE } from '../time.ts';

/** The file status() reads; the generator fails when no registered endpoint writes it. */
export const STATUS_PATH = 'status.json';

export interface ClientPath {
  /** Without the version prefix: `results/{date}.json`. */
  template: string;
  exporter: string;
  params: { name: string; kind: ParamKind }[];
  /** The payload's type name (the schema title). */
  typeName: string;
  /** The schema's file under schemas/: `results/daily.schema.json`. */
  schemaFile: string;
}

/** Every path template and alias, in registry order. */
export function listClientPaths(exporters: readonly AnyExporter[], schemas: readonly SchemaFile[]): ClientPath[] {
  const paths = exporters.flatMap((exporter) => {
    const schema = schemas.find((s) => s.id === exporter.schema);
    if (!schema) throw new Error(`Internal error: exporter ${exporter.id} names schema ${exporter.schema}, which is not loaded`);
    const common = { exporter: exporter.id, typeName: String(schema.schema.title), schemaFile: schema.file };
    const main = { ...common, template: exporter.path, params: placeholdersOf(exporter.path).map((name) => ({ name, kind: paramKindOf(name) })) };
    return [main, ...(exporter.aliases ?? []).map((alias) => ({ ...common, template: alias.path, params: [] }))];
  });
  if (!paths.some((p) => p.template === STATUS_PATH)) throw new Error(`Internal error: no registered endpoint writes ${STATUS_PATH}, which the client's status() reads`);
  return paths;
}

/** `results/daily.schema.json` → `validators/results/daily.js`. */
export function validatorFileFor(schemaFile: string): string {
  return `validators/${schemaFile.replace(/\.schema\.json$/, '.js')}`;
}

/** `endpoints.js`: the runtime's EndpointTable (see runtime.ts). */
export function renderEndpointTable(paths: readonly ClientPath[], banner: string): string {
  const entries = paths.map((p) => {
    const params = JSON.stringify(p.params.map((param) => [param.name, param.kind]));
    return `    ${JSON.stringify(p.template)}: { exporter: ${JSON.stringify(p.exporter)}, params: ${params}, validator: () => import('./${validatorFileFor(p.schemaFile)}') },`;
  });
  return [
    banner,
    '/** @type {import("./client.js").EndpointTable} */',
    'export const TABLE = {',
    `  version: ${JSON.stringify(API_VERSION)},`,
    `  segment: ${regexLiteral(PATH_SEGMENT_PATTERN)},`,
    `  date: ${regexLiteral(DATE_RE)},`,
    `  statusPath: ${JSON.stringify(STATUS_PATH)},`,
    '  endpoints: {',
    ...entries,
    '  },',
    '};',
    '',
  ].join('\n');
}

/** The `Endpoints` interface: each path's parameters (`{}` for none) and payload type. */
export function renderEndpointsInterface(paths: readonly ClientPath[]): string {
  const lines = paths.map((p) => {
    const params = p.params.length === 0 ? '{}' : `{ ${p.params.map((param) => `${param.name}: string`).join('; ')} }`;
    return `  ${JSON.stringify(p.template)}: { params: ${params}; payload: import('./${typeFileFor(p.schemaFile).replace(/\.ts$/, '.js')}').${p.typeName} };`;
  });
  return ['/** Every path template and alias (without the version prefix) → its parameters and payload type. */', 'export interface Endpoints {', ...lines, '}'].join('\n');
}

function regexLiteral(pattern: RegExp): string {
  return `new RegExp(${JSON.stringify(pattern.source)})`;
}
