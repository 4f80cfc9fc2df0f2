/**
 * HTTP semantics shared by every preview response: conditional GET (ETag / If-None-Match → 304),
 * gzip negotiation, HEAD, Content-Length, and JSON error bodies.
 *
 * Mirrors what the production bucket does for a public object: the same body, Content-Type and
 * Cache-Control for every client, gzip only for clients that accept it (hence `Vary: Accept-Encoding`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CachedBody } from './file-store.ts';

export interface Entity {
  body: CachedBody;
  contentType: string;
  cacheControl: string;
  /** A quoted strong validator (`"<sha256>"`); omitted for generated pages. */
  etag?: string;
}

/** Responses that are not published objects (errors, the index page) must never be cached. */
export const NO_STORE = 'no-store';

export function sendEntity(request: IncomingMessage, response: ServerResponse, entity: Entity): void {
  appendVary(response, 'Accept-Encoding');
  response.setHeader('Cache-Control', entity.cacheControl);
  if (entity.etag !== undefined) {
    response.setHeader('ETag', entity.etag);
    if (matchesIfNoneMatch(request.headers['if-none-match'], entity.etag)) {
      response.writeHead(304).end();
      return;
    }
  }
  const gzip = acceptsGzip(request.headers['accept-encoding']);
  const bytes = gzip ? entity.body.gzip() : entity.body.raw;
  response.setHeader('Content-Type', entity.contentType);
  response.setHeader('Content-Length', bytes.length);
  if (gzip) response.setHeader('Content-Encoding', 'gzip');
  response.writeHead(200);
  response.end(request.method === 'HEAD' ? undefined : bytes);
}

/** A small JSON body for errors (404, 405, 400, 500); never cached, HEAD gets headers only. */
export function sendJsonError(request: IncomingMessage, response: ServerResponse, status: number, payload: Record<string, unknown>): void {
  const bytes = Buffer.from(`${JSON.stringify({ status, ...payload })}\n`);
  response.setHeader('Content-Type', 'application/json');
  response.setHeader('Cache-Control', NO_STORE);
  response.setHeader('Content-Length', bytes.length);
  response.writeHead(status);
  response.end(request.method === 'HEAD' ? undefined : bytes);
}

/** `Accept-Encoding` names gzip (or `*`) with a non-zero quality. */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  const qualities = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';').map((token) => token.trim().toLowerCase());
    const q = params.find((param) => param.startsWith('q='));
    qualities.set(name, q === undefined ? 1 : Number(q.slice(2)) || 0);
  }
  const gzip = qualities.get('gzip') ?? qualities.get('x-gzip') ?? qualities.get('*');
  return gzip !== undefined && gzip > 0;
}

/** Weak comparison, as RFC 9110 §13.1.2 prescribes for If-None-Match. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string): string => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

export function appendVary(response: ServerResponse, field: string): void {
  const current = response.getHeader('Vary');
  const fields = typeof current === 'string' && current !== '' ? current.split(',').map((f) => f.trim()) : [];
  if (!fields.some((f) => f.toLowerCase() === field.toLowerCase())) fields.push(field);
  response.setHeader('Vary', fields.join(', '));
}
