/**
 * A loopback HTTP proxy that injects faults in front of any loopback test server (the BigQuery
 * server, the live-feed server): for each request, drawn from a seeded generator, it answers
 * with an HTTP error (429/500/502/503 in Google's JSON error shape, which every client here
 * reads), closes the connection before forwarding (the request never took effect) or after
 * forwarding (it took effect but the client never hears), or holds the request for a latency
 * spike before forwarding. Everything else is forwarded unchanged.
 *
 * It listens on 127.0.0.1 only and forwards only to the loopback upstream it was given.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { createSeededRandom } from './gcs-server/faults.ts';

export interface ProxyFaults {
  /** @default 1 */
  seed?: number;
  /** Probability of answering with one of `errorStatuses` without forwarding. */
  errorRate?: number;
  /** @default [429, 500, 502, 503] */
  errorStatuses?: readonly number[];
  /** Probability of closing the connection without forwarding. */
  dropRate?: number;
  /** Probability of forwarding, then closing the connection instead of answering. */
  dropAfterRate?: number;
  /** Probability of holding a request `spikeMs` before it is handled. */
  spikeRate?: number;
  /** @default 150 */
  spikeMs?: number;
  /** Only requests this accepts are subject to faults. @default all */
  filter?: (request: { method: string; path: string }) => boolean;
}

export interface ProxyCounts {
  requests: number;
  errors: number;
  drops: number;
  dropsAfter: number;
  spikes: number;
}

export interface FaultProxy {
  /** `http://127.0.0.1:<port>`: use it where the upstream's URL would go. */
  readonly url: string;
  readonly counts: ProxyCounts;
  /** Faults that made a request fail (errors and drops; spikes only slow it). */
  injected(): number;
  setFaults(faults?: ProxyFaults): void;
  close(): Promise<void>;
}

const REASONS: Record<number, string> = { 429: 'rateLimitExceeded', 500: 'internalError', 502: 'backendError', 503: 'backendError', 504: 'backendError' };

export async function startFaultProxy(upstream: string, initial: ProxyFaults = {}): Promise<FaultProxy> {
  const target = new URL(upstream);
  if (target.hostname !== '127.0.0.1' && target.hostname !== 'localhost') throw new Error(`fault proxy: upstream must be loopback, got ${upstream}`);
  const counts: ProxyCounts = { requests: 0, errors: 0, drops: 0, dropsAfter: 0, spikes: 0 };
  let faults = initial;
  let random = createSeededRandom(faults.seed ?? 1);
  const server = createServer((req, res) => {
    void handle(req, res).catch(() => res.socket?.destroy());
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readAll(req);
    counts.requests += 1;
    const subject = faults.filter?.({ method: req.method ?? 'GET', path: req.url ?? '/' }) ?? true;
    // Always draw the same number of values per request, so one switch does not shift the others.
    const [e, pick, d, da, s] = [random(), random(), random(), random(), random()];
    if (!subject) return forward(req, body, res, false);
    if (s < (faults.spikeRate ?? 0)) {
      counts.spikes += 1;
      await delay(faults.spikeMs ?? 150);
    }
    if (e < (faults.errorRate ?? 0)) {
      const statuses = faults.errorStatuses ?? [429, 500, 502, 503];
      const status = statuses[Math.floor(pick * statuses.length)] ?? 503;
      counts.errors += 1;
      const message = `Injected failure (HTTP ${status})`;
      res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
      res.end(JSON.stringify({ error: { code: status, message, errors: [{ domain: 'global', reason: REASONS[status] ?? 'backendError', message }] } }));
      return;
    }
    if (d < (faults.dropRate ?? 0)) {
      counts.drops += 1;
      req.socket.destroy();
      return;
    }
    const dropAfter = da < (faults.dropAfterRate ?? 0);
    if (dropAfter) counts.dropsAfter += 1;
    return forward(req, body, res, dropAfter);
  }

  function forward(req: IncomingMessage, body: Buffer, res: ServerResponse, dropAfter: boolean): Promise<void> {
    return new Promise((resolve) => {
      const headers = { ...req.headers, host: target.host };
      const upstreamRequest = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (upstreamResponse) => {
        void readAll(upstreamResponse).then((answer) => {
          if (dropAfter) req.socket.destroy();
          else {
            const { 'transfer-encoding': _chunked, connection: _connection, ...rest } = upstreamResponse.headers;
            res.writeHead(upstreamResponse.statusCode ?? 502, { ...rest, 'content-length': String(answer.length) });
            res.end(answer);
          }
          resolve();
        });
      });
      upstreamRequest.on('error', () => {
        req.socket.destroy();
        resolve();
      });
      upstreamRequest.end(body);
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    injected: () => counts.errors + counts.drops + counts.dropsAfter,
    setFaults(next = {}) {
      faults = next;
      random = createSeededRandom(next.seed ?? 1);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
