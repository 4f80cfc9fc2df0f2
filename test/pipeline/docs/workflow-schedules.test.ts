/**
 * Schedules in words, from Eastern run times and the workflows' guard rules, and the Eastern times
 * of UTC cron lines under the guard (EST and EDT lines, only the intended one passes).
 */
import { describe, expect, test } from 'vitest';
import { describeRuns } from '../../../pipeline/docs/describe-runs.ts';
import { easternTimes } from '../../../pipeline/docs/workflow-schedules.ts';

const at07 = (hours: number[]) => hours.map((h) => `${String(h).padStart(2, '0')}:07`).sort();

describe('describeRuns', () => {
  test('a few times a day are listed', () => {
    expect(describeRuns(['05:07', '08:07', '11:37', '13:07'], { hours: [5, 8, 11, 13] })).toBe('every day at 05:07, 08:07, 11:37 and 13:07 ET');
    expect(describeRuns(['13:07'], { hours: [13] })).toBe('every day at 13:07 ET');
  });

  test('consecutive hours are a range, across midnight too', () => {
    const hours = [0, 1, 2, ...Array.from({ length: 18 }, (_, i) => 6 + i)];
    expect(describeRuns(at07(hours), { hours })).toBe('every hour at :07 from 06:07 to 02:07 ET');
    expect(describeRuns(at07([6, 7, 8, 10, 11, 12]), { hours: [] }), 'a hole in the hours').toBe('every day at 06:07, 07:07, 08:07, 10:07, 11:07 and 12:07 ET');
  });

  test('weekdays and days of the month', () => {
    expect(describeRuns(['06:07'], { hours: [6], weekdays: [0] })).toBe('Sundays at 06:07 ET');
    expect(describeRuns(['06:07'], { hours: [6], monthdays: [1] })).toBe('on day 1 of the month at 06:07 ET');
  });
});

describe('easternTimes', () => {
  test('the EST and EDT cron lines of 05:07 ET give one Eastern time under the guard', () => {
    expect(easternTimes(['7 10 * * *', '7 9 * * *'], { hours: [5] })).toEqual(['05:07']);
  });

  test('without a guard every fire time counts, in both seasons', () => {
    expect(easternTimes(['7 10 * * *'], undefined)).toEqual(['05:07', '06:07']);
  });
});
