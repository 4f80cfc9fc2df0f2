/**
 * Options of the preview server, validated eagerly (one message template, see `invalidOption`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_ORIGINS } from '../cors-policy.ts';
import { invalidOption } from '../errors.ts';

/** What an extra route handler learns about the request beyond `req`/`res`. */
export interface PreviewRouteContext {
  /** The decoded, traversal-checked request path, e.g. `/docs/results.html`. */
  pathname: string;
  /** `pathname` without the route prefix: `/results.html` (`/` for the prefix itself). */
  subpath: string;
}

/**
 * A handler mounted under a path prefix (e.g. the docs under `/docs`). It runs after the
 * method check (GET/HEAD only), the traversal guard and the CORS headers, and must end the response.
 */
export type PreviewRouteHandler = (request: IncomingMessage, response: ServerResponse, context: PreviewRouteContext) => void | Promise<void>;

export interface PreviewOptions {
  /** The local output directory holding `<buildId>/manifest.json` trees. */
  outDir: string;
  /** @default '127.0.0.1' (loopback only: the preview is for local development) */
  host?: string;
  /** @default 4173; `0` picks any free port */
  port?: number;
  /**
   * Origins allowed by CORS, as configured on the production bucket.
   * `http://127.0.0.1:*` and `http://localhost:*` are always allowed for local development.
   * @default ['https://nbaprops.com', 'https://www.nbaprops.com', 'http://localhost:3000'] (`DEFAULT_ORIGINS`)
   */
  origins?: string[];
  /** Extra handlers by path prefix (`'/docs'`), matched on the prefix itself and anything below it. */
  routes?: Record<string, PreviewRouteHandler>;
}

export type ResolvedPreviewOptions = Required<PreviewOptions>;

export const DEFAULT_PREVIEW_OPTIONS: Readonly<Omit<ResolvedPreviewOptions, 'outDir'>> = {
  host: '127.0.0.1',
  port: 4173,
  origins: [...DEFAULT_ORIGINS],
  routes: {},
};

/** Where `props-api preview` serves with the default host and port (the docs' snippets, openapi.json's `servers`). */
export const DEFAULT_PREVIEW_ORIGIN = `http://${DEFAULT_PREVIEW_OPTIONS.host}:${DEFAULT_PREVIEW_OPTIONS.port}`;

/** Prefixes the server answers itself; a route may not shadow them. */
const RESERVED_PREFIXES = ['/v1', '/manifest.json'];
const ROUTE_PREFIX_PATTERN = /^(\/[A-Za-z0-9._-]+)+$/;

export function resolvePreviewOptions(partial: PreviewOptions): ResolvedPreviewOptions {
  // Checked field by field below: callers from plain JS (or the CLI) may pass anything.
  const options = { ...DEFAULT_PREVIEW_OPTIONS, ...stripUndefined(partial) } as ResolvedPreviewOptions;
  if (typeof options.outDir !== 'string' || options.outDir === '') throw invalidOption('outDir', 'a non-empty path', options.outDir);
  if (typeof options.host !== 'string' || options.host === '') throw invalidOption('host', 'a non-empty host name or address', options.host);
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw invalidOption('port', 'an integer from 0 to 65535', options.port);
  }
  if (!Array.isArray(options.origins) || !options.origins.every((origin) => typeof origin === 'string' && origin !== '')) {
    throw invalidOption('origins', 'an array of origins such as `https://nbaprops.com`', options.origins);
  }
  for (const prefix of Object.keys(options.routes)) {
    const segments = prefix.split('/');
    const reserved = RESERVED_PREFIXES.some((taken) => prefix === taken || prefix.startsWith(`${taken}/`));
    if (!ROUTE_PREFIX_PATTERN.test(prefix) || segments.includes('..') || segments.includes('.') || reserved) {
      throw invalidOption('routes', 'prefixes such as `/docs` that do not shadow `/v1` or `/manifest.json`', prefix);
    }
    if (typeof options.routes[prefix] !== 'function') throw invalidOption(`routes['${prefix}']`, 'a function', options.routes[prefix]);
  }
  return { ...options, origins: [...options.origins], routes: { ...options.routes } };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
