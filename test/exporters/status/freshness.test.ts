/**
 * The hourly cadence of status.json follows build-hourly.yml: runs every hour from 06:07 ET to
 * 02:07 ET the next morning, so between 02:00 and 06:00 ET an hourly endpoint is judged as of the
 * 02:00 run, and at any other hour as of now. Instants below are worked out by hand from the
 * New York offsets (EDT = UTC−4 from 2025-03-09, EST = UTC−5 in January).
 */
import { describe, expect, test } from 'vitest';
import { dueAt, freshnessOf } from '../../../exporters/status/freshness.ts';

const noGames = { open: false, lastClosedAt: null };

describe('hourly freshness', () => {
  test.each([
    ['01:30 EDT, still within the hourly runs', '2025-03-16T05:30:00Z', '2025-03-16', '2025-03-16T05:30:00Z'],
    ['03:30 EDT, quiet hours: as of the 02:00 run', '2025-03-16T07:30:00Z', '2025-03-16', '2025-03-16T06:00:00Z'],
    ['05:59 EDT, quiet hours', '2025-03-16T09:59:00Z', '2025-03-16', '2025-03-16T06:00:00Z'],
    ['07:00 EDT, the runs have started again', '2025-03-16T11:00:00Z', '2025-03-16', '2025-03-16T11:00:00Z'],
    ['23:30 EDT', '2025-03-16T03:30:00Z', '2025-03-15', '2025-03-16T03:30:00Z'],
    ['03:00 EST in January, quiet hours', '2025-01-15T08:00:00Z', '2025-01-15', '2025-01-15T07:00:00Z'],
  ])('%s', (_label, asOf, today, due) => {
    expect(dueAt('hourly', asOf, today, noGames)).toBe(due);
  });

  test('a file of the 02:07 run is fresh through the quiet hours; one whose last run was 23:07 is stale by then', () => {
    const state = (lastBuiltAt: string) => ({ exporter: 'trends.x', triggers: ['hourly'] as const, builtNow: false, lastBuiltAt, dataAsOf: '2025-03-16', lastErrorCode: null });
    const at0530 = '2025-03-16T09:30:00Z'; // 05:30 EDT
    expect(freshnessOf(state('2025-03-16T06:07:00Z'), at0530, '2025-03-16', noGames)).toMatchObject({ status: 'fresh', lagMinutes: 0 });
    // Last built 23:07 EDT (03:07Z); the 00:07, 01:07 and 02:07 runs were missed: 02:00 − 23:07 = 173 minutes.
    expect(freshnessOf(state('2025-03-16T03:07:00Z'), at0530, '2025-03-16', noGames)).toMatchObject({ status: 'stale', lagMinutes: 173 });
  });
});
