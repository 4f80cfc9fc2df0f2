/**
 * Shared shapes of the loopback GCS server's routing (a parsed request, a prepared operation:
 * routing and validation done, nothing applied yet, and its reply) and its HTTP I/O helpers. The server applies a
 * prepared operation only after fault injection and test hooks have had their say, so a
 * request can be dropped before or after it takes effect.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './gcs-state.ts';

export interface ParsedRequest {
  method: string;
  url: URL;
  /** Decoded path segments after `/storage/v1` (or `upload/storage/v1` → first segment `upload`). */
  segments: string[];
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** `http://127.0.0.1:port`, for links and resumable session URIs. */
  baseUrl: string;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: Buffer | string | Record<string, unknown>;
}

export interface PreparedOperation {
  operation: string;
  mutating: boolean;
  bucket?: string;
  object?: string;
  apply(): Reply;
}

export function json(body: Record<string, unknown>, status = 200): Reply {
  return { status, body };
}

export function parseJsonBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through to the 400 below
  }
  throw new HttpError(400, 'The request body is not a JSON object', 'parseError');
}

export function header(request: ParsedRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * `/storage/v1/b/x/o/y` and `/b/x/o/y` (how the client calls an emulator named by
 * `STORAGE_EMULATOR_HOST`) both give `['b', 'x', 'o', 'y']`; uploads keep a leading `upload`.
 */
export function pathSegments(pathname: string): string[] {
  const raw = pathname.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
  if (raw[0] === 'upload' && raw[1] === 'storage' && raw[2] === 'v1') return ['upload', ...raw.slice(3)];
  if (raw[0] === 'download' && raw[1] === 'storage' && raw[2] === 'v1') return raw.slice(3);
  if (raw[0] === 'storage' && raw[1] === 'v1') return raw.slice(2);
  return raw;
}

export function errorReply(error: unknown): Reply {
  if (error instanceof HttpError) {
    if (error.status === 304) return { status: 304 };
    return { status: error.status, body: { error: { code: error.status, message: error.message, errors: [{ domain: 'global', reason: error.reason, message: error.message }] } } };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, body: { error: { code: 500, message, errors: [{ domain: 'global', reason: 'backendError', message }] } } };
}

/** Sends a reply and returns its status (for the log). */
export function send(res: ServerResponse, reply: Reply): number {
  if (res.destroyed) return reply.status;
  const isJson = reply.body !== undefined && !Buffer.isBuffer(reply.body) && typeof reply.body !== 'string';
  const payload = isJson ? Buffer.from(JSON.stringify(reply.body)) : Buffer.from((reply.body as Buffer | string | undefined) ?? '');
  res.writeHead(reply.status, {
    ...(isJson ? { 'content-type': 'application/json; charset=utf-8' } : {}),
    ...reply.headers,
    'content-length': String(payload.length),
  });
  res.end(payload);
  return reply.status;
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    // A client killed mid-body never sends the end: give up on the request (nothing was applied).
    req.on('close', () => {
      if (!req.complete) reject(new Error('The client closed the connection before the body ended'));
    });
  });
}
