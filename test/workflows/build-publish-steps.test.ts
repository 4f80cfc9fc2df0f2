/**
 * The shell steps of `_build-and-publish.yml`, run as GitHub runs them: a script file under the
 * shell the workflow gives the step (step-shell.ts, issue 18), with the step's `env:` supplied as
 * GitHub would expand it, against the generated sample league and a local bucket directory
 * (`file://`). This checks the daily workflow end to end: the gate lets the graded date through
 * once and then reports it published, an ungraded date fails only the last attempt, and a failed
 * build fails its step and puts the error chain in the summary.
 */
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cliBundle, mainBundle } from '../helpers/child-bundle.ts';
import { defaultSamplePath } from '../helpers/shared-sample.ts';
import { runStepScript, shellTemplateOf } from './step-shell.ts';
import { readWorkflows } from './workflow-files.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const workflow = readWorkflows().find((w) => w.file === '_build-and-publish.yml')!;
const job = workflow.jobs['build-publish']!;
const stepOf = (name: string) => job.steps!.find((step) => step.name === name)!;

let dir: string;
let base: Record<string, string>;

/**
 * A `node` first on PATH that runs the steps' `node scripts/props-api.js …` and `node --import tsx
 * pipeline/ops/cli.ts …` from their bundles (child-bundle.ts: the same code, a fraction of the
 * start-up CPU); any other use goes to the real node.
 */
async function bundledNode(bin: string): Promise<void> {
  const [cli, ops] = await Promise.all([cliBundle(), mainBundle('ops-cli', './pipeline/ops/cli.ts')]);
  await mkdir(bin);
  await writeFile(path.join(bin, 'node'), [
    '#!/bin/sh',
    `if [ "$1" = scripts/props-api.js ]; then shift; exec '${process.execPath}' '${cli}' "$@"; fi`,
    `if [ "$1 $2 $3" = '--import tsx pipeline/ops/cli.ts' ]; then shift 3; exec '${process.execPath}' '${ops}' "$@"; fi`,
    `exec '${process.execPath}' "$@"`,
  ].join('\n'));
  await chmod(path.join(bin, 'node'), 0o755);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'workflow-steps-'));
  const dbPath = await defaultSamplePath();
  await bundledNode(path.join(dir, 'bin'));
  base = {
    PATH: `${path.join(dir, 'bin')}:${process.env.PATH ?? ''}`, HOME: dir, METADATA_SERVER_DETECTION: 'none',
    RUNNER_TEMP: dir, GITHUB_OUTPUT: path.join(dir, 'github-output'), GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md'),
    BUCKET: `file://${path.join(dir, 'bucket')}`, OUT_DIR: path.join(dir, 'out'), PROPS_API_WAREHOUSE: `duckdb:${dbPath}`,
  };
});
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

async function runStep(name: string, env: Record<string, string>): Promise<{ code: number; output: string; github: Record<string, string> }> {
  await writeFile(base.GITHUB_OUTPUT!, '');
  const step = stepOf(name);
  const { code, output } = await runStepScript({ template: shellTemplateOf(workflow, job, step), script: step.run!, dir, cwd: REPO, env: { ...base, ...env } });
  const github = Object.fromEntries((await readFile(base.GITHUB_OUTPUT!, 'utf8')).split('\n').filter(Boolean).map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]));
  return { code, output, github };
}

const summaryEnv = (outcomes: { gate: string; build: string; publish: string }) => ({
  TITLE: 'props-api daily', DRY_RUN: 'false', GATE_OUTCOME: outcomes.gate, BUILD_OUTCOME: outcomes.build, PUBLISH_OUTCOME: outcomes.publish,
});

// Each step starts the CLI in a fresh node process (a second or more each under load).
describe('_build-and-publish.yml steps', { timeout: 180_000 }, () => {
  test('a scheduled daily run: the gate lets the graded date through, build and publish, then the next attempt has nothing to do', async () => {
    const gate = await runStep('Wait for graded data', { DATE: '', FAIL_IF_UNGRADED: 'false' });
    expect(gate.code, gate.output).toBe(0);
    // The sample's night is 15 March 2025, so yesterday is the 14th, graded at 11:00 ET on the 15th.
    expect(gate.github).toEqual({ go: 'true', date: '2025-03-14' });

    const build = await runStep('Build', { TRIGGER: 'daily', DATE: gate.github.date!, FROM: '', TO: '', ONLY: '' });
    expect(build.code, build.output).toBe(0);
    const publish = await runStep('Publish', { DRY_RUN: 'false' });
    expect(publish.code, publish.output).toBe(0);
    expect(publish.output).toMatch(/^published build \S+-daily-/m);

    await writeFile(base.GITHUB_STEP_SUMMARY!, '');
    expect((await runStep('Job summary', summaryEnv({ gate: 'success', build: 'success', publish: 'success' }))).code).toBe(0);
    const summary = await readFile(base.GITHUB_STEP_SUMMARY!, 'utf8');
    expect(summary).toMatch(/^### ✅ props-api daily: published$/m);
    expect(summary).toContain('Graded data: 2025-03-14: ready');
    expect(summary).toMatch(/^\| Publish \| published build /m);

    const again = await runStep('Wait for graded data', { DATE: '', FAIL_IF_UNGRADED: 'true' });
    expect(again.code, again.output).toBe(0);
    expect(again.github).toEqual({ go: 'false', date: '2025-03-14' });
    expect(again.output).toContain('2025-03-14: published');
  });

  test('an ungraded date waits, and fails only the last attempt of the day', async () => {
    const waiting = await runStep('Wait for graded data', { DATE: '2025-03-15', FAIL_IF_UNGRADED: 'false' });
    expect(waiting.code, waiting.output).toBe(0);
    expect(waiting.github.go).toBe('false');
    const last = await runStep('Wait for graded data', { DATE: '2025-03-15', FAIL_IF_UNGRADED: 'true' });
    expect(last.code).toBe(1);
    expect(last.output).toContain('::error title=Grading has not landed::2025-03-15: ungraded');
  });

  test('a failed build fails its step, and the summary carries the error chain', async () => {
    const build = await runStep('Build', { TRIGGER: 'daily', DATE: '2025-02-30', FROM: '', TO: '', ONLY: '' });
    expect(build.code).not.toBe(0);
    await writeFile(base.GITHUB_STEP_SUMMARY!, '');
    await runStep('Job summary', summaryEnv({ gate: 'skipped', build: 'failure', publish: 'skipped' }));
    const summary = await readFile(base.GITHUB_STEP_SUMMARY!, 'utf8');
    expect(summary).toMatch(/^### ❌ props-api daily: build failed$/m);
    expect(summary).toMatch(/^```text\n✖ \[InvalidOption\] .*2025-02-30/m);
  });
});
