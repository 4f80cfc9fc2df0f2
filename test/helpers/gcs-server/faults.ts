/**
 * Fault injection for the loopback GCS server: injected 429/503 answers, dropped connections
 * (before or after the request took effect) and latency (GCS answers in 30–80 ms from a CI runner;
 * the bench injects 50 ± 20 ms, tests none). Probabilities draw from a seeded
 * generator, so a failing run replays exactly; counted switches (`failNext`, `dropNext`) hit the
 * next N requests that pass `filter`.
 */
export interface RequestInfo {
  /** 1-based sequence number over the server's lifetime. */
  seq: number;
  method: string;
  /** API operation, e.g. `objects.insert`, `objects.rewrite`, `objects.get`. */
  operation: string;
  bucket?: string;
  object?: string;
  /** True for requests that change state when applied. */
  mutating: boolean;
}

export interface FaultOptions {
  /** @default 1 */
  seed?: number;
  /** Probability of answering with one of `errorStatuses` without applying the request. */
  errorRate?: number;
  /** @default [429, 503] */
  errorStatuses?: number[];
  /** Answer the next N requests with 503 (without applying them). */
  failNext?: number;
  /** Probability of closing the connection without applying the request. */
  dropRate?: number;
  /** Probability of applying the request, then closing the connection without an answer. */
  dropAfterRate?: number;
  /** Drop the next N requests' connections without applying them. */
  dropNext?: number;
  /** Added before every request is handled. @default 0 */
  latencyMs?: number;
  /** Each request's latency is `latencyMs` ± up to this, uniformly (its own seeded draw). @default 0 */
  latencyJitterMs?: number;
  /** Only requests this accepts are subject to faults. @default all */
  filter?: (info: RequestInfo) => boolean;
}

export type FaultDecision = { kind: 'none' } | { kind: 'error'; status: number } | { kind: 'drop' } | { kind: 'drop-after' };

export interface FaultInjector {
  /** This request's latency: `latencyMs` with its jitter, never below 0. */
  nextLatencyMs(): number;
  decide(info: RequestInfo): FaultDecision;
}

/** mulberry32: a small, fast, seeded generator (uniform in [0, 1)). */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createFaultInjector(options: FaultOptions = {}): FaultInjector {
  const random = createSeededRandom(options.seed ?? 1);
  const statuses = options.errorStatuses ?? [429, 503];
  let failNext = options.failNext ?? 0;
  let dropNext = options.dropNext ?? 0;
  const latencyMs = options.latencyMs ?? 0;
  const jitterMs = options.latencyJitterMs ?? 0;
  const jitter = createSeededRandom((options.seed ?? 1) + 1); // apart from the fault draws, so jitter shifts none of them
  return {
    nextLatencyMs: () => (jitterMs > 0 ? Math.max(0, latencyMs + (jitter() * 2 - 1) * jitterMs) : latencyMs),
    decide(info) {
      if (options.filter && !options.filter(info)) return { kind: 'none' };
      if (failNext > 0) {
        failNext -= 1;
        return { kind: 'error', status: 503 };
      }
      if (dropNext > 0) {
        dropNext -= 1;
        return { kind: 'drop' };
      }
      // Always draw the same number of values per request, so one switch does not shift the others.
      const [e, pick, d, da] = [random(), random(), random(), random()];
      if (e < (options.errorRate ?? 0)) return { kind: 'error', status: statuses[Math.floor(pick * statuses.length)] ?? 503 };
      if (d < (options.dropRate ?? 0)) return { kind: 'drop' };
      if (da < (options.dropAfterRate ?? 0)) return { kind: 'drop-after' };
      return { kind: 'none' };
    },
  };
}
