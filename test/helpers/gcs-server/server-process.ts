/**
 * The loopback GCS server in a child process, for the production bench: serving requests is
 * Cloud Storage's work, so it must not take CPU from the publisher being measured (as the
 * loopback BigQuery server, see ../bigquery-server/server-process.ts). The child (argv[2] = its
 * fault options as JSON, e.g. the latency) answers the parent's IPC requests: create a bucket,
 * count the requests served so far, close.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchStorageServer } from '../../../pipeline/bench/production-run.ts';
import { startGcsServer, type FaultOptions } from './gcs-server.ts';

type ParentMessage = { createBucket: string } | { count: true } | { close: true };

export interface GcsServerProcess extends BenchStorageServer {
  close(): Promise<void>;
}

export async function startGcsServerProcess(faults: FaultOptions): Promise<GcsServerProcess> {
  const child = fork(fileURLToPath(import.meta.url), [JSON.stringify(faults)], {
    execArgv: ['--import', import.meta.resolve('tsx')], stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { url } = (await nextMessage(child)) as { url: string };
  // One request at a time: each answer is the reply to the message sent just before.
  let queue: Promise<unknown> = Promise.resolve();
  const ask = (message: ParentMessage): Promise<unknown> => {
    const answer = queue.then(() => {
      const reply = nextMessage(child);
      child.send(message);
      return reply;
    });
    queue = answer.catch(() => undefined);
    return answer;
  };
  return {
    url,
    createBucket: async (name) => { await ask({ createBucket: name }); },
    requestCount: async () => ((await ask({ count: true })) as { total: number }).total,
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ close: true } satisfies ParentMessage);
      await exited;
    },
  };
}

function nextMessage(child: ChildProcess): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`Internal error: the loopback GCS process exited (code ${code})`));
    child.once('exit', onExit);
    child.once('message', (message) => { child.off('exit', onExit); resolve(message); });
  });
}

async function serveInChild(): Promise<void> {
  const server = await startGcsServer({ faults: JSON.parse(process.argv[2] ?? '{}') as FaultOptions });
  process.on('message', (message: ParentMessage) => {
    if ('close' in message) {
      void server.close().then(() => process.disconnect());
      return;
    }
    if ('createBucket' in message) server.createBucket(message.createBucket);
    process.send?.({ total: server.counts.total });
  });
  process.send?.({ url: server.url });
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.send) await serveInChild();

/** An in-process loopback GCS server as the production bench's storage (tests: no process to start). */
export function benchStorageServer(server: { url: string; counts: { total: number }; createBucket(name: string): void }): BenchStorageServer {
  return {
    url: server.url,
    createBucket: async (name) => server.createBucket(name),
    requestCount: async () => server.counts.total,
  };
}
