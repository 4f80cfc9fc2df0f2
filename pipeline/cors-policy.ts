/**
 * The CORS the published API answers with, one definition for the production bucket
 * (`bucket-config`) and the preview server, so a frontend sees the same headers on both: GET and
 * HEAD from the website origins, preflight cached for an hour, and the response headers a
 * cross-origin script may read. `ETag` is not CORS-safelisted: unexposed, `response.headers.get('etag')`
 * is null in the browser, and a client cannot key its cache on it.
 */
import { invalidOption } from './errors.ts';

/** The website's origins, and the usual local frontend dev server. */
export const DEFAULT_ORIGINS: readonly string[] = ['https://nbaprops.com', 'https://www.nbaprops.com', 'http://localhost:3000'];
/**
 * The bucket's CORS `responseHeader` list. Cloud Storage reads it twice: as the response headers a
 * script may read (Access-Control-Expose-Headers) and as the request headers a preflight allows
 * (Access-Control-Allow-Headers). A revalidation from another origin sends `If-None-Match`, which
 * is not CORS-safelisted, so the preflight fails unless the list names it (issue 22); the preview
 * answers preflights with this same list.
 */
export const CORS_EXPOSED_HEADERS: readonly string[] = ['Content-Type', 'Cache-Control', 'ETag', 'Content-Length', 'If-None-Match'];
export const CORS_MAX_AGE_SECONDS = 3600;

/**
 * `--origin` values: each may be a comma-separated list. Each origin is `http(s)://host[:port]`
 * exactly as a browser sends it in `Origin` (lowercase host, no default port, no path, not even
 * a trailing `/`): CORS compares origins as strings, so anything else would never match.
 * Duplicates are dropped; the order is kept.
 */
export function parseOrigins(values: readonly string[]): string[] {
  const origins = values.flatMap((value) => value.split(',')).map((origin) => origin.trim());
  for (const origin of origins) {
    if (originOf(origin) !== origin) {
      throw invalidOption('--origin', 'an http(s) origin exactly as a browser sends it, such as `https://www.nbaprops.com`: scheme, lowercase host and any non-default port, with no path, not even a trailing slash', origin);
    }
  }
  return [...new Set(origins)];
}

/** The URL's serialized origin when it is http(s), else undefined. */
function originOf(text: string): string | undefined {
  if (!URL.canParse(text)) return undefined;
  const url = new URL(text);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
}
