/**
 * The game night (issue 5, spec R-9): a night keeps its date until 04:00 America/New_York, on
 * ordinary nights and across both DST changes, where "instant minus four hours" would be wrong.
 */
import { describe, expect, test } from 'vitest';
import { gameNightDate, gameNightEnd, nextEasternWallTime, watchWindowEnd } from '../../../pipeline/live/game-night.ts';

describe('gameNightDate', () => {
  test.each([
    ['2025-03-16T03:59:00Z', '2025-03-15', '23:59 EDT'],
    ['2025-03-16T04:01:00Z', '2025-03-15', '00:01 EDT: still the night it started'],
    ['2025-03-16T07:59:59Z', '2025-03-15', '03:59:59 EDT'],
    ['2025-03-16T08:00:00Z', '2025-03-16', '04:00 EDT: the cutover'],
    ['2025-03-15T16:00:00Z', '2025-03-15', 'noon'],
    ['2025-01-11T05:30:00Z', '2025-01-10', '00:30 EST (winter offset)'],
    ['2025-01-11T09:00:00Z', '2025-01-11', '04:00 EST'],
  ])('%s → %s (%s)', (instant, night) => {
    expect(gameNightDate(instant)).toBe(night);
  });

  test('spring forward (2025-03-09, 02:00 EST → 03:00 EDT): the night of the 8th ends at 04:00 EDT', () => {
    expect(gameNightDate('2025-03-09T06:30:00Z')).toBe('2025-03-08'); // 01:30 EST
    expect(gameNightDate('2025-03-09T07:30:00Z')).toBe('2025-03-08'); // 03:30 EDT
    expect(gameNightDate('2025-03-09T08:00:00Z')).toBe('2025-03-09'); // 04:00 EDT (instant − 4 h would still say the 8th)
    expect(gameNightEnd('2025-03-08').toISOString()).toBe('2025-03-09T08:00:00.000Z');
  });

  test('fall back (2025-11-02, 02:00 EDT → 01:00 EST): both 01:30s belong to the night of the 1st, which ends at 04:00 EST', () => {
    expect(gameNightDate('2025-11-02T05:30:00Z')).toBe('2025-11-01'); // 01:30 EDT
    expect(gameNightDate('2025-11-02T06:30:00Z')).toBe('2025-11-01'); // 01:30 EST
    expect(gameNightDate('2025-11-02T08:59:00Z')).toBe('2025-11-01'); // 03:59 EST
    expect(gameNightDate('2025-11-02T09:00:00Z')).toBe('2025-11-02'); // 04:00 EST
    expect(gameNightEnd('2025-11-01').toISOString()).toBe('2025-11-02T09:00:00.000Z');
  });
});

describe('nextEasternWallTime', () => {
  test('the next 02:00 ET after a 21:30 ET start is the next calendar day', () => {
    expect(nextEasternWallTime(new Date('2025-03-16T01:30:00Z'), '02:00').toISOString()).toBe('2025-03-16T06:00:00.000Z');
  });
  test('after midnight it is the same calendar day; exactly at the time it is a day later', () => {
    expect(nextEasternWallTime(new Date('2025-03-16T05:00:00Z'), '02:00').toISOString()).toBe('2025-03-16T06:00:00.000Z');
    expect(nextEasternWallTime(new Date('2025-03-16T06:00:00Z'), '02:00').toISOString()).toBe('2025-03-17T06:00:00.000Z');
  });
  test('rejects a time that is not HH:MM', () => {
    expect(() => nextEasternWallTime(new Date(), '2am')).toThrow(/HH:MM/);
  });
});

describe('watchWindowEnd', () => {
  test('a loop started at 19:00 ET runs to 02:00 ET', () => {
    expect(watchWindowEnd(new Date('2025-03-15T23:00:00Z'), '02:00').toISOString()).toBe('2025-03-16T06:00:00.000Z');
  });
  test('a loop started late, after 02:00 ET, stops at the night\'s end (04:00 ET), not at 02:00 the next day', () => {
    expect(watchWindowEnd(new Date('2025-03-16T06:30:00Z'), '02:00').toISOString()).toBe('2025-03-16T08:00:00.000Z');
  });
});
