/**
 * Each scheduled workflow runs at the platform's Eastern times in winter and in summer.
 *
 * For every New York day tested, the workflow's UTC cron lines are expanded into fire times
 * (cron-parser), the Eastern guard's rule (the `with:` the workflow gives _eastern-guard.yml) is
 * applied to each, and the New York times of the runs it lets through must equal the times
 * computed from SCHEDULE below, the schedule of issue 9 written in Eastern time and never read
 * from the workflow files.
 */
import { CronExpressionParser } from 'cron-parser';
import { describe, expect, test } from 'vitest';
import { decideGuard, parseGuardRule } from '../../pipeline/ops/eastern-guard.ts';
import { addDays, easternWallTimeToInstant } from '../../pipeline/time.ts';
import { cronLinesOf, guardInputsOf, readWorkflows, type Workflow } from './workflow-files.ts';

const at = (hours: number[], minute: number) => hours.map((h) => `${String(h).padStart(2, '0')}:${String(minute).padStart(2, '0')}`);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const weekdayOf = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

/** The platform's schedule, New York time, at the off-the-hour minutes the workflows use. */
const SCHEDULE: Record<string, { on: (date: string) => boolean; times: string[] }> = {
  // results after grading: 5 AM, retried 8 AM, 11:30 AM and 1 PM
  'build-daily.yml': { on: () => true, times: [...at([5, 8], 7), '11:37', '13:07'] },
  'build-tonight.yml': { on: () => true, times: at([13], 7) },
  // trends hourly from 6 AM to 2 AM
  'build-hourly.yml': { on: () => true, times: at([...range(6, 23), 0, 1, 2], 7) },
  // player pages Sundays 6 AM
  'build-weekly.yml': { on: (date) => weekdayOf(date) === 0, times: at([6], 7) },
  'build-monthly.yml': { on: (date) => date.endsWith('-01'), times: at([6], 7) },
  // live 7 PM to 2 AM: one start per night, 13 minutes early so the loop ticks by 7 PM
  'live.yml': { on: () => true, times: ['18:47'] },
};

const WINTER = ['2026-01-11', '2026-01-12', '2026-01-13', '2026-01-14', '2026-01-15', '2026-01-16', '2026-01-17', '2026-02-01'];
const SUMMER = ['2026-07-12', '2026-07-13', '2026-07-14', '2026-07-15', '2026-07-16', '2026-07-17', '2026-07-18', '2026-08-01'];

const newYorkClock = new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', hourCycle: 'h23', hour: '2-digit', minute: '2-digit' });
const newYorkOffsetHours = (instant: Date) => (Date.parse(`${instant.toLocaleString('sv-SE', { timeZone: 'America/New_York' }).replace(' ', 'T')}Z`) - instant.getTime()) / 3_600_000;

/** Every UTC fire time of a cron line within [start, end). */
function fireTimes(cron: string, start: Date, end: Date): Date[] {
  const expression = CronExpressionParser.parse(cron, { currentDate: new Date(start.getTime() - 1), endDate: end, tz: 'UTC' });
  const times: Date[] = [];
  while (expression.hasNext()) {
    const next = expression.next().toDate();
    if (next >= end) break;
    times.push(next);
  }
  return times;
}

interface Fire { cron: string; instant: Date }

function firesOn(workflow: Workflow, date: string): Fire[] {
  const start = easternWallTimeToInstant(date, '00:00');
  const end = easternWallTimeToInstant(addDays(date, 1), '00:00');
  return cronLinesOf(workflow).flatMap((cron) => fireTimes(cron, start, end).map((instant) => ({ cron, instant })));
}

/** New York times (HH:MM) of the runs the guard lets through on `date`, GitHub starting each `delayMs` late. */
function runsOn(workflow: Workflow, date: string, delayMs = 0): string[] {
  const rule = parseGuardRule(guardInputsOf(workflow)!);
  return firesOn(workflow, date)
    .filter(({ cron, instant }) => decideGuard(rule, { event: 'schedule', cron, now: new Date(instant.getTime() + delayMs) }).run)
    .map(({ instant }) => newYorkClock.format(instant))
    .sort();
}

const expectedOn = (file: string, date: string) => (SCHEDULE[file]!.on(date) ? [...SCHEDULE[file]!.times].sort() : []);

const workflows = readWorkflows();
const scheduled = workflows.filter((w) => cronLinesOf(w).length > 0);

describe('scheduled workflows', () => {
  test('the test days are standard time in winter and daylight time in summer', () => {
    expect(WINTER.map((d) => newYorkOffsetHours(easternWallTimeToInstant(d, '12:00')))).toEqual(WINTER.map(() => -5));
    expect(SUMMER.map((d) => newYorkOffsetHours(easternWallTimeToInstant(d, '12:00')))).toEqual(SUMMER.map(() => -4));
  });

  test('every scheduled workflow is in the schedule table and calls the Eastern guard', () => {
    expect(scheduled.map((w) => w.file).sort()).toEqual(Object.keys(SCHEDULE).sort());
    for (const workflow of scheduled) expect(guardInputsOf(workflow), workflow.file).toBeDefined();
  });

  describe.each(Object.keys(SCHEDULE))('%s', (file) => {
    const workflow = workflows.find((w) => w.file === file)!;

    test.each([...WINTER, ...SUMMER])('runs at the scheduled New York times on %s', (date) => {
      expect(runsOn(workflow, date)).toEqual(expectedOn(file, date));
    });

    test('a run GitHub starts 50 minutes late keeps its verdict', () => {
      for (const date of [...WINTER, ...SUMMER]) expect(runsOn(workflow, date, 50 * 60_000), date).toEqual(expectedOn(file, date));
    });

    test('its cron lines never fire at the same instant (that would start two runs)', () => {
      for (const date of [...WINTER, ...SUMMER]) {
        const instants = firesOn(workflow, date).map((f) => f.instant.getTime());
        expect(new Set(instants).size, date).toBe(instants.length);
      }
    });

    test('each cron line fires off the hour', () => {
      for (const cron of cronLinesOf(workflow)) expect(cron.split(' ')[0], cron).not.toBe('0');
    });
  });

  test('on the days clocks change, each daily slot runs once; the hourly job has no 02:07 in spring and two 01:07 runs in autumn', () => {
    const file = (name: string) => workflows.find((w) => w.file === name)!;
    for (const date of ['2026-03-08', '2026-11-01']) {
      expect(runsOn(file('build-daily.yml'), date), date).toEqual(['05:07', '08:07', '11:37', '13:07']);
      expect(runsOn(file('build-weekly.yml'), date), date).toEqual(['06:07']);
      expect(runsOn(file('live.yml'), date), date).toEqual(['18:47']);
    }
    const hourly = at(range(6, 23), 7);
    expect(runsOn(file('build-hourly.yml'), '2026-03-08')).toEqual(['00:07', '01:07', ...hourly]);
    expect(runsOn(file('build-hourly.yml'), '2026-11-01')).toEqual(['00:07', '01:07', '01:07', '02:07', ...hourly]);
  });
});
