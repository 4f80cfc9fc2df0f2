/**
 * The loopback GCS server in a child process, for the production bench (see ../server-process.ts):
 * argv[2] is its fault options as JSON (e.g. the latency); the parent asks it to create a bucket
 * or for the number of requests it has served.
 */
import { fileURLToPath } from 'node:url';
import type { BenchStorageServer } from '../../../pipeline/bench/production-run.ts';
import { forkServer, serveInChild } from '../server-process.ts';
import { startGcsServer, type FaultOptions } from './gcs-server.ts';

type Ask = { createBucket: string } | { count: true };

export interface GcsServerProcess extends BenchStorageServer {
  close(): Promise<void>;
}

export async function startGcsServerProcess(faults: FaultOptions): Promise<GcsServerProcess> {
  const server = await forkServer<Ask>(fileURLToPath(import.meta.url), JSON.stringify(faults), 'GCS');
  return {
    url: server.url,
    createBucket: async (name) => { await server.ask({ createBucket: name }); },
    requestCount: async () => ((await server.ask({ count: true })) as { total: number }).total,
    close: () => server.close(),
  };
}

/** An in-process loopback GCS server as the production bench's storage (tests: no process to start). */
export function benchStorageServer(server: { url: string; counts: { total: number }; createBucket(name: string): void }): BenchStorageServer {
  return {
    url: server.url,
    createBucket: async (name) => server.createBucket(name),
    requestCount: async () => server.counts.total,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.send) {
  const server = await startGcsServer({ faults: JSON.parse(process.argv[2] ?? '{}') as FaultOptions });
  serveInChild<Ask>(server, (ask) => {
    if ('createBucket' in ask) server.createBucket(ask.createBucket);
    return { total: server.counts.total };
  });
}
