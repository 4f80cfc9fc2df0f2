/**
 * The preview's docs routes: `/docs/` serves `generated/docs/index.html` (`/docs` redirects there,
 * so the page's relative links work), `/docs/search-index.json` and `/docs/endpoints/<id>.html` the
 * files the page loads on demand, and `/openapi.json` serves `generated/openapi.json`, the same
 * layout as `generated/` itself. Files are read on every request, so `npm run generate` while the
 * preview runs shows at the next reload. Nothing else under `generated/` is served.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { GENERATED_DIR } from '../generate-types.ts';
import { createCachedBody } from '../preview/file-store.ts';
import type { PreviewRouteHandler } from '../preview/preview-options.ts';
import { NO_STORE, sendEntity, sendJsonError } from '../preview/send-entity.ts';

export const DOCS_ROUTE = '/docs';
export const OPENAPI_ROUTE = '/openapi.json';
/** An endpoint section: `/endpoints/<exporter id>.html` (ids are dotted slugs, so no path can escape). */
const SECTION_PATH = /^\/endpoints\/([a-z0-9-]+(?:\.[a-z0-9-]+)+)\.html$/;

/** Route prefix → handler, for `startPreviewServer({ routes })`. */
export function createDocsRoutes(generatedDir = GENERATED_DIR): Record<string, PreviewRouteHandler> {
  const serve = (relative: string, contentType: string): PreviewRouteHandler => async (request, response) => {
    const body = await readFile(path.join(generatedDir, relative)).catch(() => undefined);
    if (body === undefined) return sendJsonError(request, response, 404, { error: `generated/${relative} does not exist`, hint: 'Run `npm run generate`.' });
    sendEntity(request, response, { body: createCachedBody(body), contentType, cacheControl: NO_STORE });
  };
  const page = serve('docs/index.html', 'text/html; charset=utf-8');
  const searchIndex = serve('docs/search-index.json', 'application/json');
  const openapi = serve('openapi.json', 'application/json');
  return {
    [DOCS_ROUTE]: (request, response, context) => {
      if (context.pathname === DOCS_ROUTE) {
        response.writeHead(301, { Location: `${DOCS_ROUTE}/`, 'Cache-Control': NO_STORE }).end();
        return;
      }
      if (context.subpath === '/' || context.subpath === '/index.html') return page(request, response, context);
      if (context.subpath === '/search-index.json') return searchIndex(request, response, context);
      const section = SECTION_PATH.exec(context.subpath)?.[1];
      if (section !== undefined) return serve(`docs/endpoints/${section}.html`, 'text/html; charset=utf-8')(request, response, context);
      sendJsonError(request, response, 404, { error: 'Not found: the docs are /docs/, its search index and its endpoint sections', path: context.pathname });
    },
    [OPENAPI_ROUTE]: (request, response, context) => {
      if (context.subpath !== '/') return sendJsonError(request, response, 404, { error: 'Not found', path: context.pathname });
      return openapi(request, response, context);
    },
  };
}
