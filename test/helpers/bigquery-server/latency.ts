/**
 * The loopback BigQuery server's latency model, so a benchmark can see what a build waits for in
 * production: each job stays RUNNING for `jobMs` after jobs.insert (BigQuery's queue, plan and
 * execution, about 1–3 s for an interactive query), and each page of results costs `pageMs`
 * before it is answered. Pages hold at most `maxResults` rows (the client's ask) and at most
 * `maxPageBytes` of encoded rows, as BigQuery caps a getQueryResults page at about 10 MB.
 * Tests keep the zero defaults; `PRODUCTION_BIGQUERY_LATENCY` is what the bench injects.
 */
import { setTimeout as delay } from 'node:timers/promises';

export interface BigQueryLatency {
  /** From jobs.insert until the job is DONE. @default 0 */
  jobMs: number;
  /** Added before each page of results is answered (getQueryResults, or jobs.query's first page). @default 0 */
  pageMs: number;
  /** Encoded row bytes per page at most (one row always fits). @default 10 MB */
  maxPageBytes: number;
}

const MAX_PAGE_BYTES = 10 * 1024 * 1024;

export const NO_BIGQUERY_LATENCY: BigQueryLatency = { jobMs: 0, pageMs: 0, maxPageBytes: MAX_PAGE_BYTES };

/** Issue 20's production model: 1.5 s per job, 150 ms per page. */
export const PRODUCTION_BIGQUERY_LATENCY: BigQueryLatency = { jobMs: 1_500, pageMs: 150, maxPageBytes: MAX_PAGE_BYTES };

/** Jobs RUNNING right now and the most there ever were at once (how many queries a client had in flight). */
export interface JobCounter {
  running: number;
  peakRunning: number;
}

/**
 * Holds a new job RUNNING for `jobMs`, counting it, then calls `finish` (unless the server closed
 * first). A zero latency finishes at once, without a timer.
 */
export function holdJob(latency: BigQueryLatency, counter: JobCounter, finish: () => void, signal: AbortSignal): void {
  if (latency.jobMs <= 0) return finish();
  counter.running += 1;
  counter.peakRunning = Math.max(counter.peakRunning, counter.running);
  delay(latency.jobMs, undefined, { signal }).then(finish, () => undefined).finally(() => { counter.running -= 1; });
}

/** The page wait (none at zero latency). */
export async function waitForPage(latency: BigQueryLatency, signal: AbortSignal): Promise<void> {
  if (latency.pageMs > 0) await delay(latency.pageMs, undefined, { signal });
}

/** How many of `encoded` (in order) fit in one page of `maxBytes` (JSON characters as bytes): at least one. */
export function rowsWithinBytes(encoded: readonly unknown[], maxBytes: number): number {
  if (JSON.stringify(encoded).length <= maxBytes) return encoded.length; // most pages: one pass
  let bytes = 0;
  for (let i = 0; i < encoded.length; i += 1) {
    bytes += JSON.stringify(encoded[i]).length + 1; // + the comma between rows
    if (bytes > maxBytes) return Math.max(i, 1);
  }
  return encoded.length;
}
