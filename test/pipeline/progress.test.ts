/**
 * The progress display (issue 21): phase lines, the live line's throttle, and `phaseCounter`.
 * A fake stream records what is written; a fake clock stands in for time.
 */
import { Writable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { createConsoleLogger } from '../../pipeline/logger.ts';
import { createProgressDisplay, phaseCounter, PROGRESS_REDRAW_MS, type ProgressListener } from '../../pipeline/progress.ts';

function fakeStream(tty: boolean) {
  const chunks: string[] = [];
  const stream = new Writable({ write(chunk, _encoding, done) { chunks.push(String(chunk)); done(); } }) as Writable & { isTTY?: boolean; columns?: number };
  if (tty) Object.assign(stream, { isTTY: true, columns: 100, rows: 24 });
  return { stream, text: () => chunks.join('') };
}

function fakeClock() {
  let ms = 1000;
  return { now: () => ms, advance: (by: number) => { ms += by; } };
}

describe('not a terminal', () => {
  test('one plain line per completed phase, with bytes when the phase has them, and nothing in between', () => {
    const { stream, text } = fakeStream(false);
    const clock = fakeClock();
    const display = createProgressDisplay({ stream, live: false, now: clock.now });
    display.update('stage uploads', 1, 3, 1000);
    clock.advance(400);
    display.update('stage uploads', 2, 3, 3000);
    expect(text()).toBe('');
    clock.advance(850);
    display.update('stage uploads', 3, 3, 2_200_000);
    display.update('commit copies', 1, 2);
    clock.advance(50);
    display.update('commit copies', 2, 2);
    expect(text()).toBe('stage uploads: 3/3, 2.1 MB, 1.3 s\ncommit copies: 2/2, 0.1 s\n');
  });

  test('a phase that another replaces before it completes still gets its line', () => {
    const { stream, text } = fakeStream(false);
    const display = createProgressDisplay({ stream, live: false, now: fakeClock().now });
    display.update('seed season 2024-25', 5, 166);
    display.update('seed grading aggregates', 1, 1);
    expect(text()).toBe('seed season 2024-25: 5/166, 0.0 s\nseed grading aggregates: 1/1, 0.0 s\n');
  });
});

describe('on a terminal', () => {
  test('redraws one live line at most every PROGRESS_REDRAW_MS, then leaves the phase line', () => {
    const { stream, text } = fakeStream(true);
    const clock = fakeClock();
    const display = createProgressDisplay({ stream, live: true, now: clock.now });
    display.update('build endpoints', 1, 4, 2048);
    clock.advance(PROGRESS_REDRAW_MS - 1);
    display.update('build endpoints', 2, 4, 4096); // too soon: not drawn
    clock.advance(1);
    display.update('build endpoints', 3, 4, 6144);
    display.update('build endpoints', 4, 4, 8192);
    const out = text();
    expect(out).toContain('build endpoints [######..................] 1/4, 2.0 kB · 0.0 s');
    expect(out).not.toContain('2/4');
    expect(out).toContain('build endpoints [##################......] 3/4, 6.0 kB · 0.1 s');
    expect(out).toContain('\x1b[');
    expect(out.endsWith('build endpoints: 4/4, 8.0 kB, 0.1 s\n')).toBe(true);
  });

  test('a log line takes the live line away first, and the next update draws it again', () => {
    const { stream, text } = fakeStream(true);
    const clock = fakeClock();
    const logger = createConsoleLogger({ verbose: false, stream: stream as unknown as NodeJS.WriteStream, now: clock.now });
    logger.progress('stage uploads', 1, 10);
    const before = text().length;
    logger.info('notice: slow');
    const erased = text().slice(before);
    expect(erased.indexOf('\x1b[2K')).toBeGreaterThanOrEqual(0);
    expect(erased.indexOf('\x1b[2K')).toBeLessThan(erased.indexOf('notice: slow\n'));
    logger.progress('stage uploads', 2, 10); // same instant: drawn anyway after an interruption
    expect(text().slice(before)).toContain('stage uploads [#####...................] 2/10');
  });
});

test('phaseCounter counts items and sums bytes only for phases that move bytes', () => {
  const seen: unknown[][] = [];
  const listener: ProgressListener = (...update) => { seen.push(update); };
  const uploaded = phaseCounter(listener, 'stage uploads', 2);
  uploaded(0);
  uploaded(512);
  const copied = phaseCounter(listener, 'commit copies', 1);
  copied();
  phaseCounter(undefined, 'prune deletes', 1)(); // no listener: nothing to call
  expect(seen).toEqual([['stage uploads', 1, 2, 0], ['stage uploads', 2, 2, 512], ['commit copies', 1, 1, undefined]]);
});
