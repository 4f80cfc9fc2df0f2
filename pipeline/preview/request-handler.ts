/**
 * One preview request, in order: traversal guard (400) → CORS preflight (OPTIONS) → CORS headers →
 * method check (405) → mounted routes (`/docs`, …) → `/` index → `/manifest.json` → a manifest-listed
 * file of the live tree, or 404. Nothing outside a manifest is ever read from disk.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { cacheControlFor, JSON_CONTENT_TYPE } from '../cache-policy.ts';
import { ExportError } from '../errors.ts';
import { MANIFEST_FILE } from '../manifest.ts';
import type { LocalBuild } from '../out-dir.ts';
import { applyCors, CORS_METHODS, sendPreflight } from './cors.ts';
import { createCachedBody, type FileStore } from './file-store.ts';
import { renderIndexPage } from './index-page.ts';
import type { PreviewRouteHandler, ResolvedPreviewOptions } from './preview-options.ts';
import { parseRequestPath } from '../request-path.ts';
import type { LiveTree, TreeSource } from '../resolve-tree.ts';
import { NO_STORE, sendEntity, sendJsonError, type Entity } from './send-entity.ts';

export interface RequestHandlerDeps {
  options: ResolvedPreviewOptions;
  trees: TreeSource;
  files: FileStore;
}

export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

export function createRequestHandler(deps: RequestHandlerDeps): RequestHandler {
  const manifests = createManifestCache();
  return async (request, response) => {
    try {
      await handleRequest(request, response, deps, manifests);
    } catch (error) {
      // A failure after the headers went out cannot become a 500 any more: cut the connection.
      if (response.headersSent) response.destroy(error as Error);
      else sendJsonError(request, response, 500, describeFailure(error));
    }
  };
}

async function handleRequest(request: IncomingMessage, response: ServerResponse, deps: RequestHandlerDeps, manifests: ManifestCache): Promise<void> {
  const { origins, routes } = deps.options;
  const parsed = parseRequestPath(request.url);
  if (!parsed.ok) return sendJsonError(request, response, 400, { error: 'Bad request path', reason: parsed.reason });
  if (request.method === 'OPTIONS') return sendPreflight(request, response, origins);
  applyCors(request, response, origins);
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', CORS_METHODS);
    return sendJsonError(request, response, 405, { error: `${request.method} is not allowed: the API is read-only (GET and HEAD)` });
  }
  const { pathname } = parsed;
  const route = findRoute(routes, pathname);
  if (route) return route.handler(request, response, { pathname, subpath: pathname.slice(route.prefix.length) || '/' });
  const tree = await deps.trees.current();
  if (pathname === '/') return sendEntity(request, response, indexEntity(tree, Object.keys(routes)));
  if (pathname === `/${MANIFEST_FILE}` && tree.newest) return sendEntity(request, response, await manifests.entityFor(tree.newest));
  const entry = tree.files.get(pathname.slice(1));
  if (!entry) return sendJsonError(request, response, 404, { error: 'Not found: no build in the live tree lists this path', path: pathname });
  sendEntity(request, response, {
    body: await deps.files.read(entry),
    contentType: entry.file.content_type,
    cacheControl: entry.file.cache_control,
    etag: `"${entry.file.sha256}"`,
  });
}

/** The longest mounted prefix that is the path itself or a parent of it. */
export function findRoute(routes: Record<string, PreviewRouteHandler>, pathname: string): { prefix: string; handler: PreviewRouteHandler } | undefined {
  const prefix = Object.keys(routes)
    .filter((candidate) => pathname === candidate || pathname.startsWith(`${candidate}/`))
    .sort((a, b) => b.length - a.length)[0];
  const handler = prefix === undefined ? undefined : routes[prefix];
  return prefix === undefined || handler === undefined ? undefined : { prefix, handler };
}

function indexEntity(tree: LiveTree, routePrefixes: string[]): Entity {
  const html = renderIndexPage({ tree, routePrefixes });
  return { body: createCachedBody(Buffer.from(html)), contentType: 'text/html; charset=utf-8', cacheControl: NO_STORE };
}

interface ManifestCache {
  entityFor(build: LocalBuild): Promise<Entity>;
}

/**
 * The newest manifest's exact bytes, with the `status` preset the release manifest gets in the
 * bucket. Cached per `LocalBuild` object: a re-read tree (new or rewritten build) has new objects.
 */
function createManifestCache(): ManifestCache {
  let cached: { build: LocalBuild; entity: Entity } | undefined;
  return {
    async entityFor(build) {
      if (cached?.build === build) return cached.entity;
      const raw = await readFile(path.join(build.dir, MANIFEST_FILE));
      const etag = `"${createHash('sha256').update(raw).digest('hex')}"`;
      const entity = { body: createCachedBody(raw), contentType: JSON_CONTENT_TYPE, cacheControl: cacheControlFor('status'), etag };
      cached = { build, entity };
      return entity;
    },
  };
}

function describeFailure(error: unknown): Record<string, unknown> {
  if (error instanceof ExportError) return { error: error.message, code: error.code, path: error.outputPath, hint: error.hint };
  return { error: `Internal error: ${error instanceof Error ? error.message : String(error)}` };
}
