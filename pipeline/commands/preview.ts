/**
 * `props-api preview [--out DIR] [--port N] [--host H]`: serves the local live tree with the
 * production headers until SIGINT or SIGTERM, then closes the server and exits 0.
 */
import { createDocsRoutes } from '../docs/docs-route.ts';
import { invalidOption } from '../errors.ts';
import { startPreviewServer } from '../preview/preview-server.ts';
import type { PreviewOptions } from '../preview/preview-options.ts';
import { defineCommand, type CommandArgs } from './command.ts';

/** Where `props-api build` writes by default. */
export const DEFAULT_OUT_DIR = 'out';

export interface RunPreviewOptions {
  /** Prints a line for the operator (the URL). */
  print: (line: string) => void;
  /**
   * Called once the server listens; resolves when it should stop (a signal in the CLI, a test's
   * own promise). Called late so a failed start leaves no signal handlers behind.
   */
  untilStopped: () => Promise<unknown>;
}

/** Starts the preview, prints its URL, waits for `stopped`, then closes cleanly. Reusable by `start`. */
export async function runPreview(options: PreviewOptions, run: RunPreviewOptions): Promise<void> {
  const server = await startPreviewServer(options);
  run.print(`Preview of ${options.outDir} at ${server.url} (Ctrl+C to stop)`);
  try {
    await run.untilStopped();
  } finally {
    await server.close();
  }
}

/** Resolves with the first of the signals received, and stops listening for the others. */
export function waitForShutdownSignal(signals: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM']): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      for (const s of signals) process.off(s, onSignal);
      resolve(signal);
    };
    for (const s of signals) process.on(s, onSignal);
  });
}

/** Flags → options; `--port` must be a whole number (0 = any free port). */
export function previewOptionsFromFlags(values: CommandArgs['values']): PreviewOptions {
  const { out, port, host } = values;
  if (port !== undefined && (typeof port !== 'string' || !/^\d+$/.test(port))) throw invalidOption('--port', 'an integer from 0 to 65535', port);
  if (host !== undefined && typeof host !== 'string') throw invalidOption('--host', 'a host name or address', host);
  if (out !== undefined && typeof out !== 'string') throw invalidOption('--out', 'a directory path', out);
  return { outDir: out ?? DEFAULT_OUT_DIR, host, port: port === undefined ? undefined : Number(port) };
}

export const previewCommand = defineCommand({
  name: 'preview',
  summary: 'serve the local build tree with the production headers',
  usage: `Usage: props-api preview [--out DIR] [--port N] [--host H]

Serves the live tree of DIR (every build overlaid, newest first) with the headers of the
production bucket: Content-Type and Cache-Control from the manifest, ETag, gzip, CORS.
A build written while the preview runs is served on the next request. The docs for frontend
developers (generated/docs) are at /docs/, the OpenAPI document at /openapi.json. Stop with Ctrl+C.

  --out DIR    output directory of \`props-api build\` (default: ${DEFAULT_OUT_DIR})
  --port N     port to listen on (default: 4173; 0 picks any free port)
  --host H     address to bind (default: 127.0.0.1)`,
  options: {
    out: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
  },
  async run({ values }) {
    const options = { ...previewOptionsFromFlags(values), routes: createDocsRoutes() };
    await runPreview(options, { print: (line) => process.stdout.write(`${line}\n`), untilStopped: () => waitForShutdownSignal() });
    return 0;
  },
});

export default previewCommand;
