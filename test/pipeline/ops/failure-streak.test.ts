/**
 * The alert's decision (issue 21): a failed scheduled run opens an issue only when the previous
 * run that did work failed too; guard-only runs (the other Eastern offset's cron line) and
 * cancelled runs do not break or make a streak.
 */
import { describe, expect, test } from 'vitest';
import { findFailureStreak, formatAlertIssue, type WorkflowRunRecord } from '../../../pipeline/ops/failure-streak.ts';

const guardOnly = (id: number): WorkflowRunRecord => ({
  id, conclusion: 'success', jobs: [{ name: 'guard / guard', conclusion: 'success' }, { name: 'build', conclusion: 'skipped' }, { name: 'alert', conclusion: 'skipped' }],
});
const worked = (id: number, conclusion: string): WorkflowRunRecord => ({
  id, conclusion, html_url: `https://github.com/o/r/actions/runs/${id}`,
  jobs: [{ name: 'guard / guard', conclusion: 'success' }, { name: 'build / build and publish (daily)', conclusion }, { name: 'alert / alert on a second failure in a row', conclusion: conclusion === 'success' ? 'skipped' : 'success' }],
});

describe('findFailureStreak', () => {
  test.for([
    ['the previous run failed', [worked(9, 'failure')], true, 9],
    ['the previous run timed out', [worked(9, 'timed_out')], true, 9],
    ['guard-only runs lie between this failure and the previous one', [guardOnly(9), guardOnly(8), worked(7, 'failure')], true, 7],
    ['a cancelled run lies between', [{ ...worked(9, 'cancelled') }, worked(8, 'failure')], true, 8],
    ['the previous run that did work succeeded', [guardOnly(9), worked(8, 'success'), worked(7, 'failure')], false, 8],
    ['there is no earlier run', [], false, undefined],
    ['only guard-only runs are listed', [guardOnly(9), guardOnly(8)], false, undefined],
  ] as const)('%s', ([, runs, second, previous]) => {
    const streak = findFailureStreak(runs);
    expect(streak.secondInARow).toBe(second);
    expect(streak.previous?.id).toBe(previous);
  });

  test('a run that failed in its guard counts as a failure (the guard is broken)', () => {
    expect(findFailureStreak([{ id: 3, conclusion: 'failure', jobs: [{ name: 'guard / guard', conclusion: 'failure' }] }]).secondInARow).toBe(true);
  });
});

test('the issue has one title per workflow and links both failed runs', () => {
  const issue = formatAlertIssue('Daily results', 'https://github.com/o/r/actions/runs/10', findFailureStreak([worked(9, 'failure')]));
  expect(issue.title).toBe('Scheduled runs failing: Daily results');
  expect(issue.body).toContain('https://github.com/o/r/actions/runs/10');
  expect(issue.body).toContain('https://github.com/o/r/actions/runs/9');
});
