/**
 * CORS as the production bucket is configured (spec/sources.md §2.5, pipeline/cors-policy.ts):
 * GET from the allowed origins, exposing the same response headers as the bucket (ETag
 * included) and allowing the same request headers in a preflight (If-None-Match included),
 * preflight cached for an hour. Local dev servers on any loopback port are allowed
 * too, so a frontend can run on whatever port it likes.
 *
 * A foreign origin gets no CORS headers at all (the browser then blocks the read), never an error
 * status: that is what the bucket does.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CORS_EXPOSED_HEADERS, CORS_MAX_AGE_SECONDS } from '../cors-policy.ts';
import { appendVary } from './send-entity.ts';

export const CORS_METHODS = 'GET, HEAD, OPTIONS';
/**
 * Request headers a frontend may send on a cross-origin fetch: the bucket's `responseHeader` list,
 * because Cloud Storage allows exactly those in a preflight (revalidation with If-None-Match included).
 */
export const CORS_ALLOWED_HEADERS = CORS_EXPOSED_HEADERS.join(', ');

const LOOPBACK_ORIGIN = /^http:\/\/(127\.0\.0\.1|localhost)(:\d{1,5})?$/;

export function isAllowedOrigin(origin: string, allowed: readonly string[]): boolean {
  return allowed.includes('*') || allowed.includes(origin) || LOOPBACK_ORIGIN.test(origin);
}

/**
 * Sets the CORS response headers for an allowed origin; returns whether it was allowed.
 * `Vary: Origin` is set either way, because the response differs by origin.
 */
export function applyCors(request: IncomingMessage, response: ServerResponse, allowed: readonly string[]): boolean {
  appendVary(response, 'Origin');
  const origin = request.headers.origin;
  if (origin === undefined || !isAllowedOrigin(origin, allowed)) return false;
  response.setHeader('Access-Control-Allow-Origin', origin);
  response.setHeader('Access-Control-Expose-Headers', CORS_EXPOSED_HEADERS.join(', '));
  return true;
}

/** Answers an OPTIONS request: 204, with the preflight headers only for an allowed origin. */
export function sendPreflight(request: IncomingMessage, response: ServerResponse, allowed: readonly string[]): void {
  if (applyCors(request, response, allowed)) {
    response.setHeader('Access-Control-Allow-Methods', CORS_METHODS);
    response.setHeader('Access-Control-Allow-Headers', CORS_ALLOWED_HEADERS);
    response.setHeader('Access-Control-Max-Age', String(CORS_MAX_AGE_SECONDS));
  }
  response.setHeader('Content-Length', 0);
  response.writeHead(204).end();
}
