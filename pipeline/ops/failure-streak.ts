/**
 * Whether a failed scheduled run is the second failure in a row of its workflow, so that the
 * alert job opens (or comments on) an issue (docs/operations.md, "Alerting"). One failure may be
 * a blip that the next slot mends; two in a row need a person.
 *
 * "In a row" skips the runs that did no work: every scheduled workflow has one cron line per
 * Eastern offset and its guard job skips the line that fires at the wrong hour, so half of the
 * runs succeed having run only the guard. Cancelled runs are skipped too.
 */

/** A completed run of the workflow, as the GitHub REST API lists it, with its jobs. */
export interface WorkflowRunRecord {
  id: number;
  /** `success`, `failure`, `timed_out`, `startup_failure`, `cancelled`, `skipped`, … */
  conclusion: string | null;
  html_url?: string;
  created_at?: string;
  jobs: readonly { name: string; conclusion: string | null }[];
}

export interface FailureStreak {
  /** True when the newest earlier run that did work failed as well. */
  secondInARow: boolean;
  /** That earlier run, when one was found among those given. */
  previous?: WorkflowRunRecord;
  reason: string;
}

const FAILED = new Set(['failure', 'timed_out', 'startup_failure']);

/** A job that ran, other than the Eastern guard (`guard / …` in a caller's run). */
const didWork = (run: WorkflowRunRecord): boolean =>
  run.jobs.some((job) => job.conclusion !== 'skipped' && job.conclusion !== null && !/^guard( \/|$)/.test(job.name));

/** `runs`: the workflow's earlier completed scheduled runs, newest first (the current run not among them). */
export function findFailureStreak(runs: readonly WorkflowRunRecord[]): FailureStreak {
  for (const run of runs) {
    if (run.conclusion !== null && FAILED.has(run.conclusion)) return { secondInARow: true, previous: run, reason: `the previous run that did work (${run.id}) failed too` };
    if (run.conclusion === 'success' && didWork(run)) return { secondInARow: false, previous: run, reason: `the previous run that did work (${run.id}) succeeded` };
  }
  return { secondInARow: false, reason: `no earlier run that did work among the ${runs.length} listed` };
}

export interface AlertIssue {
  title: string;
  body: string;
}

/** The issue text: one title per workflow, so later failures comment on the same open issue. */
export function formatAlertIssue(workflow: string, runUrl: string, streak: FailureStreak): AlertIssue {
  const previous = streak.previous?.html_url ? ` (previous failure: ${streak.previous.html_url})` : '';
  return {
    title: `Scheduled runs failing: ${workflow}`,
    body: [
      `The scheduled workflow **${workflow}** failed twice in a row.`,
      '',
      `- This run: ${runUrl}${previous}`,
      '- The run page\'s job summary shows the error chain with its permanent code.',
      '- What to do for each code: docs/operations.md, "Troubleshooting". Close this issue once a scheduled run succeeds.',
    ].join('\n'),
  };
}
