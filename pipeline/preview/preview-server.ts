/**
 * `startPreviewServer`: serves the local live tree (the overlay of the builds in the output
 * directory) over node:http with the headers the production bucket sends: Content-Type and
 * Cache-Control from the manifest, ETag = sha256, gzip on request, CORS for the allowed origins.
 *
 * The server is for local development: it binds to loopback by default and serves only files a
 * manifest lists. A build written while it runs is picked up on the next request.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ExportError } from '../errors.ts';
import { createFileStore } from './file-store.ts';
import { resolvePreviewOptions, type PreviewOptions } from './preview-options.ts';
import { createRequestHandler } from './request-handler.ts';
import { createTreeSource } from '../resolve-tree.ts';

export interface PreviewServer {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:4173/`. */
  url: string;
  /** Stops listening and ends open connections; safe to call more than once. */
  close(): Promise<void>;
}

/** Starts the preview. Throws `NoBuildFound` when `outDir` holds no complete build, `PreviewFailed` when it cannot listen. */
export async function startPreviewServer(options: PreviewOptions): Promise<PreviewServer> {
  const resolved = resolvePreviewOptions(options);
  const outDir = path.resolve(resolved.outDir);
  const trees = createTreeSource(outDir);
  if ((await trees.current()).builds.length === 0) {
    throw new ExportError('NoBuildFound', `No build found in ${outDir}: there is no directory with a manifest.json to serve`, {
      hint: 'Run `props-api build` (or `npm start`, which seeds the sample warehouse and builds) first.',
    });
  }
  const handler = createRequestHandler({ options: { ...resolved, outDir }, trees, files: createFileStore(outDir) });
  const server = createServer((request, response) => void handler(request, response));
  await listen(server, resolved.host, resolved.port);
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: formatUrl(resolved.host, port),
    close: () => (closing ??= closeServer(server)),
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      const hint = error.code === 'EADDRINUSE' ? 'Another process uses this port: pass `--port` with another number, or `--port 0` for any free port.' : undefined;
      reject(new ExportError('PreviewFailed', `Cannot listen on ${host}:${port} (${error.code ?? error.message})`, { cause: error, hint }));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Keep-alive connections would hold `close` open until they time out.
    server.closeAllConnections();
  });
}

/** A clickable URL: wildcard binds are shown as `localhost`, IPv6 literals in brackets. */
export function formatUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}/`;
}
