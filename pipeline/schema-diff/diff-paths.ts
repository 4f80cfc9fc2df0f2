/**
 * The paths a consumer fetches, from the released and the current `generated/openapi.json`: a
 * path that is no longer published breaks its consumers (a moved path template or alias is a
 * removed one), a new path does not. Schemas alone cannot tell: path templates live in exporters.
 */
import { finding, type SchemaFinding } from './rules.ts';

export const OPENAPI_FILE = 'generated/openapi.json';

/** The `paths` keys of an OpenAPI document's text; undefined when there is no document. */
export function openApiPaths(text: string | undefined): string[] | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const paths = (JSON.parse(text) as { paths?: Record<string, unknown> }).paths;
  return paths === undefined ? undefined : Object.keys(paths);
}

export function diffPaths(released: readonly string[], current: readonly string[]): SchemaFinding[] {
  const now = new Set(current);
  const before = new Set(released);
  const at = (p: string) => ({ file: OPENAPI_FILE, location: `${OPENAPI_FILE}#/paths/${p.replace(/~/g, '~0').replace(/\//g, '~1')}`, field: undefined });
  return [
    ...[...before].filter((p) => !now.has(p)).sort().map((p) => finding('path-removed', { ...at(p), detail: `GET ${p} is no longer published` })),
    ...[...now].filter((p) => !before.has(p)).sort().map((p) => finding('path-added', { ...at(p), detail: `GET ${p} is new` })),
  ];
}
