/**
 * The fault mix of the fault suite: 20 % of requests fail, 14 % answered 429/500/502/503 and 6 %
 * with the connection dropped (half before the request takes effect, half after, so the client
 * never hears that it did). Latency spikes come on top, on another 10 %.
 */
export const FAULT_MIX = { errorRate: 0.14, errorStatuses: [429, 500, 502, 503], dropRate: 0.03, dropAfterRate: 0.03 } as const;
export const SPIKE_RATE = 0.1;
