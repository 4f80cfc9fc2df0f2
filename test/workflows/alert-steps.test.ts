/**
 * The alert job of `_alert-on-failure.yml` (issue 21), run as GitHub would run its steps: each
 * `run:` script under its shell, with a fake `gh` first on PATH that answers from a small fake
 * repository (earlier runs, their jobs, open issues) and records the issues it is asked to open or
 * comment on; the decision step runs the real ops CLI. The issue step runs only when the decision
 * step's `alert` output is `true`, as its `if:` says.
 */
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expandExpressions, runStepScript, shellTemplateOf } from './step-shell.ts';
import { readWorkflows } from './workflow-files.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const workflow = readWorkflows().find((w) => w.file === '_alert-on-failure.yml')!;
const job = Object.values(workflow.jobs)[0]!;
const stepNamed = (name: string) => job.steps!.find((s) => s.name === name)!;
const CONTEXT = {
  'github.token': 'fake-token', 'github.repository': 'owner/repo', 'github.workflow': 'Daily results', 'github.run_id': '500', 'github.server_url': 'https://github.com',
};

/** The fake GitHub: `gh api` and `gh issue` answered from $FAKE_GH (JSON), calls that change issues appended to $FAKE_GH_LOG. */
const FAKE_GH = `#!/usr/bin/env node
const fs = require('node:fs');
const state = JSON.parse(fs.readFileSync(process.env.FAKE_GH, 'utf8'));
const args = process.argv.slice(2);
const flag = (name) => args[args.indexOf(name) + 1];
const log = (line) => fs.appendFileSync(process.env.FAKE_GH_LOG, line + '\\n');
if (args[0] === 'api') {
  const url = args[1];
  let m;
  if ((m = /^repos\\/owner\\/repo\\/actions\\/runs\\/(\\d+)$/.exec(url)) && flag('--jq') === '.workflow_id') process.stdout.write(state.workflowId + '\\n');
  else if (/^repos\\/owner\\/repo\\/actions\\/workflows\\/(\\d+)\\/runs\\?event=schedule&status=completed&per_page=10$/.test(url) && url.includes('/' + state.workflowId + '/')) process.stdout.write(JSON.stringify({ workflow_runs: state.runs.map(({ jobs, ...run }) => run) }));
  else if ((m = /^repos\\/owner\\/repo\\/actions\\/runs\\/(\\d+)\\/jobs$/.exec(url))) process.stdout.write(JSON.stringify({ jobs: state.runs.find((r) => String(r.id) === m[1]).jobs }));
  else { console.error('fake gh: unexpected ' + args.join(' ')); process.exit(1); }
} else if (args[0] === 'issue' && args[1] === 'list') {
  for (const issue of state.openIssues) process.stdout.write(issue.number + '\\t' + issue.title + '\\n');
} else if (args[0] === 'issue' && (args[1] === 'comment' || args[1] === 'create')) {
  const body = fs.readFileSync(flag('--body-file'), 'utf8');
  log(args[1] === 'comment' ? 'comment #' + args[2] : 'create ' + flag('--title'));
  if (!body.includes('https://github.com/owner/repo/actions/runs/500')) { console.error('fake gh: the body does not link this run'); process.exit(1); }
} else { console.error('fake gh: unexpected ' + args.join(' ')); process.exit(1); }
`;

interface FakeRun { id: number; conclusion: string; html_url: string; jobs: { name: string; conclusion: string }[] }
const guardOnly = (id: number): FakeRun => ({ id, conclusion: 'success', html_url: `https://github.com/owner/repo/actions/runs/${id}`, jobs: [{ name: 'guard / guard', conclusion: 'success' }, { name: 'build', conclusion: 'skipped' }] });
const worked = (id: number, conclusion: string): FakeRun => ({ id, conclusion, html_url: `https://github.com/owner/repo/actions/runs/${id}`, jobs: [{ name: 'guard / guard', conclusion: 'success' }, { name: 'build / build and publish (daily)', conclusion }] });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'alert-steps-'));
  await mkdir(path.join(dir, 'bin'));
  await writeFile(path.join(dir, 'bin', 'gh'), FAKE_GH);
  await chmod(path.join(dir, 'bin', 'gh'), 0o755);
});
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

/** Runs the job's three `run:` steps against the fake repository; returns the issue calls and the decision output. */
async function runAlert(name: string, state: { runs: FakeRun[]; openIssues: { number: number; title: string }[] }) {
  const temp = path.join(dir, name);
  await mkdir(temp);
  const files = { state: path.join(temp, 'state.json'), log: path.join(temp, 'gh.log'), output: path.join(temp, 'github-output') };
  await writeFile(files.state, JSON.stringify({ workflowId: 77, ...state }));
  await writeFile(files.log, '');
  await writeFile(files.output, '');
  const base = { PATH: `${path.join(dir, 'bin')}:${process.env.PATH ?? ''}`, HOME: dir, RUNNER_TEMP: temp, GITHUB_OUTPUT: files.output, FAKE_GH: files.state, FAKE_GH_LOG: files.log };
  const run = async (stepName: string, extra: Record<string, string> = {}) => {
    const step = stepNamed(stepName);
    const values = { ...CONTEXT, ...extra };
    const env = Object.fromEntries(Object.entries({ ...job.env, ...step.env }).map(([k, v]) => [k, expandExpressions(String(v), values)]));
    const result = await runStepScript({ template: shellTemplateOf(workflow, job, step), script: step.run!, dir: temp, cwd: REPO, env: { ...base, ...env } });
    expect(result.code, `${stepName}\n${result.output}`).toBe(0);
  };
  await run('Earlier scheduled runs');
  await run('Second failure in a row?');
  const outputs = Object.fromEntries((await readFile(files.output, 'utf8')).trim().split('\n').map((line) => line.split(/=(.*)/s).slice(0, 2)));
  if (outputs.alert === 'true') await run('Open or update the issue', { 'steps.streak.outputs.title': outputs.title! });
  return { alert: outputs.alert, calls: (await readFile(files.log, 'utf8')).trim().split('\n').filter(Boolean) };
}

describe('the alert job', { timeout: 60_000 }, () => {
  test('opens an issue when the previous run that did work failed too', async () => {
    const result = await runAlert('second', { runs: [worked(499, 'failure'), worked(498, 'success')], openIssues: [] });
    expect(result).toEqual({ alert: 'true', calls: ['create Scheduled runs failing: Daily results'] });
  });

  test('comments on the open issue of the same title, past guard-only runs', async () => {
    const openIssues = [{ number: 11, title: 'Scheduled runs failing: Daily results (2025)' }, { number: 12, title: 'Scheduled runs failing: Daily results' }];
    const result = await runAlert('comment', { runs: [guardOnly(499), guardOnly(498), worked(497, 'failure')], openIssues });
    expect(result).toEqual({ alert: 'true', calls: ['comment #12'] });
  });

  test('touches no issue after a single failure', async () => {
    const result = await runAlert('single', { runs: [guardOnly(499), worked(498, 'success'), worked(497, 'failure')], openIssues: [] });
    expect(result).toEqual({ alert: 'false', calls: [] });
  });
});
