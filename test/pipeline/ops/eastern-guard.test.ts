/**
 * The Eastern-time guard (pipeline/ops/eastern-guard.ts): rule parsing, and the verdict judged
 * on the slot the cron line was scheduled for. Expected Eastern times are worked out by hand:
 * New York is UTC-5 on 14 January 2026 and UTC-4 on 15 July 2026.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { main } from '../../../pipeline/ops/cli.ts';
import { decideGuard, parseGuardRule, parseIntegerList, scheduledInstant } from '../../../pipeline/ops/eastern-guard.ts';

const schedule = (cron: string, now: string) => ({ event: 'schedule', cron, now: new Date(now) });

describe('guard rule', () => {
  test('lists and ranges expand, in order, without duplicates', () => {
    expect(parseIntegerList('hours', '0-2,6-9,8', 0, 23)).toEqual([0, 1, 2, 6, 7, 8, 9]);
    expect(parseIntegerList('weekdays', '', 0, 6)).toBeUndefined();
  });

  test.each(['24', '5-3', 'x', '1,,2', '-1'])('rejects hours `%s` with the option named', (hours) => {
    expect(() => parseGuardRule({ hours })).toThrow(/`--hours`/);
  });

  test('an empty hour list is refused: a guard that lets nothing through is a mistake', () => {
    expect(() => parseGuardRule({ hours: ' ' })).toThrow(/at least one Eastern hour/);
  });
});

describe('scheduled instant', () => {
  test('is the newest fire of the cron line at or before now, however late the run started', () => {
    expect(scheduledInstant('7 10,13 * * *', new Date('2026-01-14T12:59:00Z')).toISOString()).toBe('2026-01-14T10:07:00.000Z');
    expect(scheduledInstant('7 10,13 * * *', new Date('2026-01-14T13:07:00Z')).toISOString()).toBe('2026-01-14T13:07:00.000Z');
  });

  test('tolerates a runner clock up to a minute behind the scheduler', () => {
    expect(scheduledInstant('7 10 * * *', new Date('2026-01-14T10:06:20Z')).toISOString()).toBe('2026-01-14T10:07:00.000Z');
  });
});

describe('verdict', () => {
  const fiveAm = parseGuardRule({ hours: '5' });

  test('10:07 UTC is 05:07 in January: the EST line runs', () => {
    const decision = decideGuard(fiveAm, schedule('7 10 * * *', '2026-01-14T10:09:00Z'));
    expect(decision).toMatchObject({ run: true, slot: { date: '2026-01-14', hour: 5, minute: 7, weekday: 3, day: 14 } });
  });

  test('10:07 UTC is 06:07 in July: the EST line is skipped', () => {
    expect(decideGuard(fiveAm, schedule('7 10 * * *', '2026-07-15T10:07:05Z'))).toMatchObject({ run: false, slot: { hour: 6 } });
  });

  test('09:07 UTC is 05:07 in July even when GitHub starts it at 09:58', () => {
    expect(decideGuard(fiveAm, schedule('7 9 * * *', '2026-07-15T09:58:00Z'))).toMatchObject({ run: true, slot: { hour: 5 } });
  });

  test('weekdays and days of the month are New York ones', () => {
    // 01:07 UTC on Monday 19 January is 20:07 on Sunday the 18th in New York.
    const sundayEvening = parseGuardRule({ hours: '20', weekdays: '0' });
    expect(decideGuard(sundayEvening, schedule('7 1 * * *', '2026-01-19T01:07:00Z')).run).toBe(true);
    // 03:07 UTC on 1 August is 23:07 on 31 July in New York.
    const firstOfMonth = parseGuardRule({ hours: '23', monthdays: '1' });
    expect(decideGuard(firstOfMonth, schedule('7 3 * * *', '2026-08-01T03:07:00Z')).run).toBe(false);
  });

  test('manual runs always go ahead and stand for no slot', () => {
    expect(decideGuard(fiveAm, { event: 'workflow_dispatch', cron: '', now: new Date('2026-07-15T15:00:00Z') })).toEqual({ run: true, reason: expect.stringContaining('workflow_dispatch') });
  });

  test('a scheduled run without its cron line is an error, not a silent pass', () => {
    expect(() => decideGuard(fiveAm, schedule('', '2026-01-14T10:07:00Z'))).toThrow(/`--cron`/);
  });
});

describe('ops guard command', () => {
  test('appends run and hour to the GitHub output file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'guard-'));
    try {
      const output = path.join(dir, 'github-output');
      expect(await main(['guard', '--event', 'workflow_dispatch', '--cron', '', '--hours', '5', '--github-output', output])).toBe(0);
      expect(await readFile(output, 'utf8')).toBe('run=true\nhour=\n');
      expect(await main(['guard', '--event', 'schedule', '--cron', '* * * * *', '--hours', '0-23', '--github-output', output])).toBe(0);
      expect(await readFile(output, 'utf8')).toMatch(/^run=true\nhour=\nrun=true\nhour=\d{1,2}\n$/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a bad rule exits 1', async () => {
    expect(await main(['guard', '--event', 'schedule', '--cron', '7 10 * * *', '--hours', '25'])).toBe(1);
  });
});
