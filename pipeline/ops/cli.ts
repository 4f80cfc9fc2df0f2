/**
 * CI helpers for the GitHub workflows, run as `node --import tsx pipeline/ops/cli.ts <helper> …`.
 * They are not `props-api` commands: they only make sense inside a workflow run.
 *
 *   guard    --event E --cron C --hours H [--weekdays W] [--monthdays M] [--github-output FILE]
 *            prints why the run goes ahead or is skipped; appends `run=true|false` and the Eastern
 *            `hour` of the scheduled slot to FILE ($GITHUB_OUTPUT). See eastern-guard.ts.
 *   summary  --title T [--out DIR] [--gate REPORT.json] [--dry-run true|false]
 *            [--{gate,build,publish}-outcome O] [--{gate,build,publish}-log FILE]
 *            prints the Markdown job summary (job-summary.ts) for $GITHUB_STEP_SUMMARY.
 *   streak   --runs RUNS.json --jobs-dir DIR --workflow NAME --run-url URL --body-file FILE [--github-output FILE]
 *            RUNS.json is `GET /repos/…/actions/workflows/ID/runs` (earlier completed scheduled
 *            runs, newest first), DIR holds `<run id>.json` from `GET …/runs/ID/jobs`. Prints whether
 *            this failure is the second in a row; appends `alert=true|false` and the issue `title`
 *            to FILE and writes the issue body to --body-file. See failure-streak.ts.
 *
 * Errors are printed as the CLI's numbered chain, with exit code 1.
 */
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatErrorChain } from '../errors.ts';
import { BUILD_REPORT_FILE, type BuildReport } from '../manifest.ts';
import { newestLocalBuild } from '../out-dir.ts';
import { decideGuard, parseGuardRule } from './eastern-guard.ts';
import { findFailureStreak, formatAlertIssue, type WorkflowRunRecord } from './failure-streak.ts';
import type { GradingReport } from './graded-check.ts';
import { formatJobSummary, type JobSummaryInput, type StepOutcome, type StepReport } from './job-summary.ts';

type Values = Record<string, string | undefined>;

async function readOptional(file: string | undefined): Promise<string | undefined> {
  if (file === undefined || file === '') return undefined;
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

const parseJson = (text: string | undefined): unknown => (text === undefined || text.trim() === '' ? undefined : JSON.parse(text));

async function runGuard(values: Values): Promise<void> {
  const rule = parseGuardRule({ hours: values.hours ?? '', weekdays: values.weekdays, monthdays: values.monthdays });
  const decision = decideGuard(rule, { event: values.event ?? '', cron: values.cron ?? '', now: new Date() });
  process.stdout.write(`Eastern-time guard: ${decision.reason}\n`);
  if (values['github-output']) await appendFile(values['github-output'], `run=${decision.run}\nhour=${decision.slot?.hour ?? ''}\n`);
}

async function runStreak(values: Values): Promise<void> {
  const listed = JSON.parse(await readFile(values.runs ?? '', 'utf8')) as { workflow_runs: Omit<WorkflowRunRecord, 'jobs'>[] };
  const runs: WorkflowRunRecord[] = [];
  for (const run of listed.workflow_runs) {
    const jobs = parseJson(await readOptional(path.join(values['jobs-dir'] ?? '', `${run.id}.json`))) as { jobs: WorkflowRunRecord['jobs'] } | undefined;
    runs.push({ ...run, jobs: jobs?.jobs ?? [] });
  }
  const streak = findFailureStreak(runs);
  const issue = formatAlertIssue(values.workflow ?? '', values['run-url'] ?? '', streak);
  process.stdout.write(`Failure streak: ${streak.reason}; ${streak.secondInARow ? 'opening or updating an issue' : 'no issue'}\n`);
  await writeFile(values['body-file'] ?? '', `${issue.body}\n`);
  if (values['github-output']) await appendFile(values['github-output'], `alert=${streak.secondInARow}\ntitle=${issue.title}\n`);
}

export async function readJobSummaryInput(values: Values): Promise<JobSummaryInput> {
  const newest = await newestLocalBuild(values.out ?? 'out');
  const report = parseJson(newest ? await readOptional(path.join(newest.dir, BUILD_REPORT_FILE)) : undefined) as BuildReport | undefined;
  const status = parseJson(newest ? await readOptional(path.join(newest.dir, 'v1', 'status.json')) : undefined);
  const gate = parseJson(await readOptional(values.gate)) as GradingReport | undefined;
  const step = async (name: string): Promise<StepReport> => ({ name, outcome: (values[`${name}-outcome`] ?? '') as StepOutcome, log: (await readOptional(values[`${name}-log`])) ?? '' });
  return {
    title: values.title ?? 'props-api',
    steps: [await step('gate'), await step('build'), await step('publish')],
    dryRun: values['dry-run'] === 'true',
    ...(gate ? { gate } : {}),
    ...(newest ? { build: { manifest: newest.manifest, ...(report ? { report } : {}) } } : {}),
    ...(status === undefined ? {} : { status }),
  };
}

const FLAGS = ['event', 'cron', 'hours', 'weekdays', 'monthdays', 'github-output', 'title', 'out', 'gate', 'dry-run', 'runs', 'jobs-dir', 'workflow', 'run-url', 'body-file', ...['gate', 'build', 'publish'].flatMap((step) => [`${step}-log`, `${step}-outcome`])];

export async function main(argv: readonly string[]): Promise<number> {
  const [helper, ...rest] = argv;
  try {
    const { values } = parseArgs({ args: [...rest], options: Object.fromEntries(FLAGS.map((f) => [f, { type: 'string' as const }])), strict: true });
    if (helper === 'guard') await runGuard(values);
    else if (helper === 'summary') process.stdout.write(formatJobSummary(await readJobSummaryInput(values)));
    else if (helper === 'streak') await runStreak(values);
    else throw new Error(`Unknown helper \`${helper ?? ''}\`: expected \`guard\`, \`summary\` or \`streak\``);
    return 0;
  } catch (error) {
    process.stderr.write(`${formatErrorChain(error)}\n`);
    return 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  process.exitCode = await main(process.argv.slice(2));
}
