/**
 * Path parameters: their kind (a date or a slug) and, for the docs' example links, their value in
 * the schema's example payload. A placeholder `{x}` takes the first top-level example field named
 * `x` or ending in `_x` (`{date}` ← `game_date`, `as_of_date`) whose value is a safe path segment;
 * the example was cut from a real sample-build file, so the filled path is that file's.
 */
import { fillTemplate, isSafePathSegment, placeholdersOf, versionedPath } from '../paths.ts';
import { isIsoDate } from '../time.ts';

export type ParamKind = 'date' | 'slug';

/** `date` and `*_date` are calendar dates (America/New_York); everything else is a slug. */
export function paramKindOf(name: string): ParamKind {
  return name === 'date' || name.endsWith('_date') ? 'date' : 'slug';
}

/** Root-relative URL of the example file (the path itself without placeholders); undefined when a placeholder has no example value. */
export function examplePath(template: string, schema: Record<string, unknown>, example: unknown): string | undefined {
  if (placeholdersOf(template).length === 0) return `/${versionedPath(template)}`;
  if (example === null || typeof example !== 'object') return undefined;
  const payload = example as Record<string, unknown>;
  const order = Object.keys((schema.properties as Record<string, unknown> | undefined) ?? payload);
  const params: Record<string, string> = {};
  for (const name of placeholdersOf(template)) {
    const key = order.find((k) => (k === name || k.endsWith(`_${name}`)) && fits(name, payload[k]));
    if (key === undefined) return undefined;
    params[name] = payload[key] as string;
  }
  return `/${versionedPath(fillTemplate(template, params))}`;
}

function fits(name: string, value: unknown): boolean {
  return isSafePathSegment(value) && (paramKindOf(name) !== 'date' || isIsoDate(value));
}
