/**
 * The game-night loop's timing: tick, wait for the next slot, tick again, until the window closes.
 *
 * Ticks are on a fixed grid from the first one (start, start + interval, …); a tick that overruns
 * skips the slots it missed instead of bunching up. Time comes from a `LoopClock` (the Clock port
 * plus a matching wait), so tests drive the loop with a fake clock whose wait just advances it,
 * and a replay of the sample night can run faster than the wall clock.
 */
import type { Clock } from '../ports.ts';

export interface LoopClock extends Clock {
  /** Resolve once `ms` of this clock's time has passed (early when `signal` aborts). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface LiveLoopOptions {
  clock: LoopClock;
  intervalMs: number;
  /** Stop once the clock reaches this instant (no tick at or after it). */
  until?: Date;
  /** Stop after this many ticks. */
  maxTicks?: number;
  /** Stops the loop after the current tick (SIGINT, SIGTERM). */
  signal?: AbortSignal;
  /** One tick; it must not throw (failures are the tick's to report). */
  tick: (at: Date, index: number) => Promise<void>;
}

export async function runLiveLoop(options: LiveLoopOptions): Promise<{ ticks: number }> {
  const { clock, intervalMs } = options;
  if (!Number.isInteger(intervalMs) || intervalMs < 1) throw new TypeError(`Expected \`intervalMs\` to be an integer ≥ 1, got \`${intervalMs}\` (${typeof intervalMs})`);
  const start = clock.now().getTime();
  const done = (at: number, ticks: number) =>
    options.signal?.aborted === true || (options.until !== undefined && at >= options.until.getTime()) || (options.maxTicks !== undefined && ticks >= options.maxTicks);
  let ticks = 0;
  while (!done(clock.now().getTime(), ticks)) {
    await options.tick(clock.now(), ticks);
    ticks += 1;
    const now = clock.now().getTime();
    const next = start + (Math.floor((now - start) / intervalMs) + 1) * intervalMs;
    if (done(next, ticks)) break;
    await clock.sleep(next - now, options.signal);
  }
  return { ticks };
}

/** The wall clock with real waits. */
export const systemLoopClock: LoopClock = { now: () => new Date(), sleep: (ms, signal) => wait(ms, signal) };

/**
 * A clock that starts at `start` and runs `speed` times faster than the wall clock (the replay of
 * the sample night: `--speed 60` shows a 3-minute interval every 3 seconds).
 */
export function createReplayClock(start: Date, speed = 1, base: () => number = Date.now): LoopClock {
  if (!(speed > 0)) throw new TypeError(`Expected \`speed\` to be a number > 0, got \`${speed}\` (${typeof speed})`);
  const origin = base();
  return {
    now: () => new Date(start.getTime() + (base() - origin) * speed),
    sleep: (ms, signal) => wait(ms / speed, signal),
  };
}

function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, ms));
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
