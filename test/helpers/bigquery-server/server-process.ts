/**
 * The loopback BigQuery server in a child process, for the production bench (see
 * ../server-process.ts): argv[2] is the latency model as JSON; the child answers with replayed
 * rows (recorded-warehouse.ts), which the parent sends before each measured step, and with the
 * table stamps it is given.
 */
import { fileURLToPath } from 'node:url';
import type { BenchBigQueryServer } from '../../../pipeline/bench/production-run.ts';
import { replayHandler } from '../recorded-warehouse.ts';
import { forkServer, serveInChild } from '../server-process.ts';
import { loopbackClientOptions, startBigQueryServer } from './index.ts';
import type { BigQueryLatency } from './latency.ts';

type Ask = { replay: [string, readonly unknown[]][]; narrowBy: string | undefined } | { stamps: [string, string][] };

export interface BigQueryServerProcess extends BenchBigQueryServer {
  close(): Promise<void>;
}

export async function startBigQueryServerProcess(latency: Partial<BigQueryLatency>): Promise<BigQueryServerProcess> {
  const server = await forkServer<Ask>(fileURLToPath(import.meta.url), JSON.stringify(latency), 'BigQuery');
  return {
    clientOptions: () => loopbackClientOptions(server.url),
    replay: async (recorded, narrowBy) => { await server.ask({ replay: [...recorded], narrowBy }); },
    setTableStamps: async (stamps) => { await server.ask({ stamps: [...stamps] }); },
    close: () => server.close(),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.send) {
  process.env.METADATA_SERVER_DETECTION = 'none';
  const server = await startBigQueryServer({ latency: JSON.parse(process.argv[2] ?? '{}') as Partial<BigQueryLatency> });
  serveInChild<Ask>(server, (ask) => {
    if ('stamps' in ask) server.setTableStamps(ask.stamps);
    else server.setHandler(replayHandler(new Map(ask.replay as [string, never[]][]), ask.narrowBy));
  });
}
