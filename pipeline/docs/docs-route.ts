/**
 * The preview's docs routes: `/docs/` serves `generated/docs/index.html` (`/docs` redirects there,
 * so the page's relative links work) and `/openapi.json` serves `generated/openapi.json`, the same
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

/** Route prefix → handler, for `startPreviewServer({ routes })`. */
export function createDocsRoutes(generatedDir = GENERATED_DIR): Record<string, PreviewRouteHandler> {
  const serve = (relative: string, contentType: string): PreviewRouteHandler => async (request, response) => {
    const body = await readFile(path.join(generatedDir, relative)).catch(() => undefined);
    if (body === undefined) return sendJsonError(request, response, 404, { error: `generated/${relative} does not exist`, hint: 'Run `npm run generate`.' });
    sendEntity(request, response, { body: createCachedBody(body), contentType, cacheControl: NO_STORE });
  };
  const page = serve('docs/index.html', 'text/html; charset=utf-8');
  const openapi = serve('openapi.json', 'application/json');
  return {
    [DOCS_ROUTE]: (request, response, context) => {
      if (context.pathname === DOCS_ROUTE) {
        response.writeHead(301, { Location: `${DOCS_ROUTE}/`, 'Cache-Control': NO_STORE }).end();
        return;
      }
      if (context.subpath === '/' || context.subpath === '/index.html') return page(request, response, context);
      sendJsonError(request, response, 404, { error: 'Not found: the docs are one page, /docs/', path: context.pathname });
    },
    [OPENAPI_ROUTE]: (request, response, context) => {
      if (context.subpath !== '/') return sendJsonError(request, response, 404, { error: 'Not found', path: context.pathname });
      return openapi(request, response, context);
    },
  };
}
