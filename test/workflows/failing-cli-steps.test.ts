/**
 * A failing CLI fails its step (issue 18). Every `run:` step of every workflow that starts the
 * CLI (`scripts/props-api.js` or `pipeline/ops/cli.ts`) is run under the shell GitHub would pick
 * for it as the workflow is written (step-shell.ts), with `${{ }}` in the job and step `env:`
 * replaced by the values below and a stand-in `node` first on PATH: for the CLI it exits 3 (or
 * prints `{}` and exits 0 in the control run); anything else goes to the real node. Under the
 * default `bash -e {0}`, `cli 2>&1 | tee log` exits 0 whatever the CLI did.
 */
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expandExpressions, runStepScript, shellTemplateOf } from './step-shell.ts';
import { readWorkflows, type Workflow } from './workflow-files.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const STAND_IN_EXIT = 3;
const STARTS_CLI = /scripts\/props-api\.js|pipeline\/ops\/cli\.ts/;

/** Values for the expressions of the steps' `env:`. */
const CONTEXT: Record<string, string> = {
  'vars.PROPS_API_BUCKET': 'gs://stand-in-bucket', 'vars.PROPS_API_BQ_PROJECT': 'stand-in-project', 'secrets.BALLDONTLIE_API_KEY': 'stand-in-key',
  'github.event_name': 'schedule', 'github.event.schedule': '7 10 * * *',
  'steps.gate.outputs.date': '', 'steps.gate.outcome': 'success', 'steps.build.outcome': 'success', 'steps.publish.outcome': 'success',
  'github.token': 'stand-in-token', 'github.repository': 'owner/repo', 'github.workflow': 'Daily results', 'github.run_id': '42', 'github.server_url': 'https://github.com',
};
/**
 * Inputs the callers give, where the workflow has no default. The live loop's budget is longer
 * than any window (a day is 1,440 minutes), so "Window and slate" goes on to ask the CLI.
 */
const REQUIRED_INPUTS: Record<string, string> = { trigger: 'daily', until: '02:00', 'timeout-minutes': '1500', hours: '0-23' };

function inputsOf(workflow: Workflow): Record<string, string> {
  const declared = ((workflow.on.workflow_call ?? {}) as { inputs?: Record<string, { default?: unknown }> }).inputs ?? {};
  return Object.fromEntries(Object.entries(declared).map(([name, input]) => [`inputs.${name}`, String(input.default ?? REQUIRED_INPUTS[name] ?? '')]));
}

const cliSteps = readWorkflows().flatMap((workflow) => Object.values(workflow.jobs).flatMap((job) => (job.steps ?? [])
  .filter((step) => step.run !== undefined && STARTS_CLI.test(step.run))
  .map((step) => {
    const values = { ...CONTEXT, ...inputsOf(workflow) };
    const env = Object.fromEntries(Object.entries({ ...job.env, ...step.env }).map(([key, value]) => [key, expandExpressions(String(value), values)]));
    return { label: `${workflow.file}: ${step.name ?? step.run!.slice(0, 40)}`, template: shellTemplateOf(workflow, job, step), script: expandExpressions(step.run!, values), env };
  })));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'failing-cli-'));
  const standIn = path.join(dir, 'bin', 'node');
  await mkdir(path.dirname(standIn));
  await writeFile(standIn, [
    '#!/bin/sh',
    'for arg in "$@"; do',
    '  case "$arg" in scripts/props-api.js|pipeline/ops/cli.ts)',
    '    echo "$*" >> "$STAND_IN_CALLS"',
    '    if [ "$STAND_IN_EXIT" = 0 ]; then echo "{}"; exit 0; fi',
    '    echo "stand-in CLI: failing with exit $STAND_IN_EXIT" >&2; exit "$STAND_IN_EXIT";;',
    '  esac',
    'done',
    `exec '${process.execPath}' "$@"`,
  ].join('\n'));
  await chmod(standIn, 0o755);
});
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

async function runWithStandIn(step: (typeof cliSteps)[number], exit: number) {
  const calls = path.join(dir, `calls-${exit}-${cliSteps.indexOf(step)}`);
  await writeFile(calls, '');
  const env = {
    ...step.env, PATH: `${path.join(dir, 'bin')}:${process.env.PATH ?? ''}`, HOME: dir, STAND_IN_EXIT: String(exit), STAND_IN_CALLS: calls,
    RUNNER_TEMP: dir, GITHUB_OUTPUT: path.join(dir, 'github-output'), GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md'),
  };
  const run = await runStepScript({ template: step.template, script: step.script, dir, cwd: REPO, env });
  return { ...run, cliCalls: (await readFile(calls, 'utf8')).split('\n').filter(Boolean).length };
}

describe('a failing CLI fails its workflow step', { timeout: 60_000 }, () => {
  test('the steps that start the CLI are found', () => {
    expect(cliSteps.map((s) => s.label)).toEqual(expect.arrayContaining([
      '_build-and-publish.yml: Build', '_build-and-publish.yml: Publish', '_live-watch.yml: Live loop', '_eastern-guard.yml: Check the Eastern slot',
    ]));
  });

  test.each(cliSteps.map((step) => [step.label, step] as const))('%s', async (_label, step) => {
    const failing = await runWithStandIn(step, STAND_IN_EXIT);
    expect(failing.cliCalls, failing.output).toBeGreaterThan(0);
    expect(failing.code, `${step.template}\n${failing.output}`).not.toBe(0);
    const passing = await runWithStandIn(step, 0);
    expect(passing.code, `the step passes when the CLI does\n${passing.output}`).toBe(0);
  });
});
