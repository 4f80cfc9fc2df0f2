/**
 * The game-night loop's timing (issue 5), driven by a fake clock: ticks on a fixed grid, a tick
 * that overruns skips missed slots, and the loop stops at --until, after --ticks, or on a signal.
 */
import { describe, expect, test } from 'vitest';
import { createReplayClock, runLiveLoop } from '../../../pipeline/live/watch-loop.ts';
import { createFakeLoopClock } from '../../helpers/fake-loop-clock.ts';

const START = '2025-03-16T01:30:00Z';
const MIN = 60_000;

describe('runLiveLoop', () => {
  test('ticks every interval from the start and never at or after --until', async () => {
    const clock = createFakeLoopClock(START);
    const at: string[] = [];
    const { ticks } = await runLiveLoop({ clock, intervalMs: 3 * MIN, until: new Date('2025-03-16T01:42:00Z'), tick: async (t) => { at.push(t.toISOString().slice(11, 16)); } });
    expect(at).toEqual(['01:30', '01:33', '01:36', '01:39']);
    expect(ticks).toBe(4);
  });

  test('a tick that overruns the interval skips the slots it missed', async () => {
    const clock = createFakeLoopClock(START);
    const at: string[] = [];
    await runLiveLoop({ clock, intervalMs: 3 * MIN, maxTicks: 3, tick: async (t, i) => { at.push(t.toISOString().slice(11, 16)); if (i === 0) clock.advance(7 * MIN); } });
    expect(at).toEqual(['01:30', '01:39', '01:42']);
    expect(clock.sleeps).toEqual([2 * MIN, 3 * MIN]);
  });

  test('stops after --ticks, and after the current tick when the signal aborts', async () => {
    const clock = createFakeLoopClock(START);
    expect((await runLiveLoop({ clock, intervalMs: MIN, maxTicks: 5, tick: async () => {} })).ticks).toBe(5);
    const stop = new AbortController();
    const result = await runLiveLoop({ clock, intervalMs: MIN, signal: stop.signal, tick: async (_t, i) => { if (i === 1) stop.abort(); } });
    expect(result.ticks).toBe(2);
  });

  test('rejects an interval that is not a whole number of ms ≥ 1', async () => {
    await expect(runLiveLoop({ clock: createFakeLoopClock(START), intervalMs: 0, tick: async () => {} })).rejects.toThrow(/intervalMs/);
  });
});

describe('createReplayClock', () => {
  test('starts at the given instant and runs `speed` times faster than its base', () => {
    let wall = 1_000_000;
    const clock = createReplayClock(new Date(START), 60, () => wall);
    expect(clock.now().toISOString()).toBe('2025-03-16T01:30:00.000Z');
    wall += 3_000;
    expect(clock.now().toISOString()).toBe('2025-03-16T01:33:00.000Z');
    expect(() => createReplayClock(new Date(START), 0)).toThrow(/speed/);
  });
});
