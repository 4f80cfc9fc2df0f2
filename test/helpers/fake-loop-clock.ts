/**
 * A fake LoopClock: time stands still until a test advances it, and `sleep` advances it by the
 * requested amount at once, so a watch loop over a whole game night runs in milliseconds with no
 * timed assertion.
 */
import type { LoopClock } from '../../pipeline/live/watch-loop.ts';

export interface FakeLoopClock extends LoopClock {
  advance(ms: number): void;
  /** Every sleep requested, in ms. */
  sleeps: number[];
}

export function createFakeLoopClock(startIso: string): FakeLoopClock {
  let now = Date.parse(startIso);
  const clock: FakeLoopClock = {
    sleeps: [],
    now: () => new Date(now),
    advance: (ms) => { now += ms; },
    sleep: async (ms, signal) => {
      clock.sleeps.push(ms);
      if (!signal?.aborted) now += ms;
    },
  };
  return clock;
}
