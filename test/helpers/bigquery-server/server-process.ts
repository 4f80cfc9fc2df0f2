/**
 * The loopback BigQuery server in a child process, for the production bench: encoding result
 * pages is BigQuery's work, so it must not take CPU from the build being measured. The child
 * (argv[2] = the latency model as JSON) answers with replayed rows (recorded-warehouse.ts),
 * which the parent sends over IPC before each measured step.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchBigQueryServer } from '../../../pipeline/bench/production-run.ts';
import { replayHandler } from '../recorded-warehouse.ts';
import { loopbackClientOptions, startBigQueryServer } from './index.ts';
import type { BigQueryLatency } from './latency.ts';

type ParentMessage = { replay: [string, readonly unknown[]][]; narrowBy: string | undefined } | { stamps: [string, string][] } | { close: true };

export interface BigQueryServerProcess extends BenchBigQueryServer {
  close(): Promise<void>;
}

export async function startBigQueryServerProcess(latency: Partial<BigQueryLatency>): Promise<BigQueryServerProcess> {
  const child = fork(fileURLToPath(import.meta.url), [JSON.stringify(latency)], {
    execArgv: ['--import', import.meta.resolve('tsx')], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { url } = (await nextMessage(child)) as { url: string };
  return {
    clientOptions: () => loopbackClientOptions(url),
    replay: async (recorded, narrowBy) => {
      child.send({ replay: [...recorded], narrowBy } satisfies ParentMessage);
      await nextMessage(child);
    },
    setTableStamps: async (stamps) => {
      child.send({ stamps: [...stamps] } satisfies ParentMessage);
      await nextMessage(child);
    },
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ close: true } satisfies ParentMessage);
      await exited;
    },
  };
}

function nextMessage(child: ChildProcess): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`Internal error: the loopback BigQuery process exited (code ${code})`));
    child.once('exit', onExit);
    child.once('message', (message) => { child.off('exit', onExit); resolve(message); });
  });
}

async function serveInChild(): Promise<void> {
  process.env.METADATA_SERVER_DETECTION = 'none';
  const server = await startBigQueryServer({ latency: JSON.parse(process.argv[2] ?? '{}') as Partial<BigQueryLatency> });
  process.on('message', (message: ParentMessage) => {
    if ('close' in message) {
      void server.close().then(() => process.disconnect());
      return;
    }
    if ('stamps' in message) {
      server.setTableStamps(message.stamps);
      process.send?.({ stamped: true });
      return;
    }
    server.setHandler(replayHandler(new Map(message.replay as [string, never[]][]), message.narrowBy));
    process.send?.({ replayed: true });
  });
  process.send?.({ url: server.url });
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.send) await serveInChild();
