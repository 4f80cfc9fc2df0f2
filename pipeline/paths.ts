/**
 * Output paths. Every value that becomes part of a path must be a strict slug, so no warehouse
 * value can write outside the tree (`../x`, `%2e`, unicode, empty strings all fail).
 */
export const API_VERSION = 'v1';

/** Lower-case ASCII letters, digits and inner hyphens; 1–64 characters. Dates and seasons qualify. */
export const PATH_SEGMENT_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export function isSafePathSegment(value: unknown): value is string {
  return typeof value === 'string' && PATH_SEGMENT_PATTERN.test(value);
}

export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!);
}

/** Fill `{name}` placeholders; the caller has checked every value with `isSafePathSegment`. */
export function fillTemplate(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{([^}]*)\}/g, (_, name: string) => params[name] ?? `{${name}}`);
}

export function versionedPath(relative: string): string {
  return `${API_VERSION}/${relative}`;
}
