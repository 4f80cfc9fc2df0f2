/**
 * Rules every workflow keeps that actionlint cannot see: least-privilege permissions, Workload
 * Identity Federation without key files, Node 22 with the npm cache, one concurrency group per
 * trigger, manual-run inputs, the calls into the local reusable workflows (the WASM actionlint
 * lints one file at a time), the alert on repeated scheduled failures, and a CI job that runs the
 * README's test command.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { TRIGGERS } from '../../pipeline/define-exporter.ts';
import { calledWorkflow, readWorkflows, type Job, type Workflow } from './workflow-files.ts';

const workflows = readWorkflows();
const byFile = (file: string) => workflows.find((w) => w.file === file)!;
const jobsOf = (w: Workflow) => Object.entries(w.jobs);
const allSteps = workflows.flatMap((w) => jobsOf(w).flatMap(([, job]) => (job.steps ?? []).map((step) => ({ file: w.file, step }))));
const callsTo = (file: string) => workflows.flatMap((w) => jobsOf(w).filter(([, job]) => job.uses === `./.github/workflows/${file}`).map(([id, job]) => ({ workflow: w, id, job })));

/** The reusable alert every scheduled workflow calls (issue 21). */
const ALERT = '_alert-on-failure.yml';

/** Scheduled workflow of each trigger (issue 9: one per trigger). */
const WORKFLOW_OF: Record<(typeof TRIGGERS)[number], string> = {
  daily: 'build-daily.yml', tonight: 'build-tonight.yml', hourly: 'build-hourly.yml', weekly: 'build-weekly.yml', monthly: 'build-monthly.yml', live: 'live.yml',
};

describe('workflow policy', () => {
  test('every trigger has its scheduled workflow', () => {
    for (const trigger of TRIGGERS) expect(byFile(WORKFLOW_OF[trigger])?.on.schedule, trigger).toBeDefined();
  });

  test('permissions: contents read everywhere; id-token write only where Google credentials are needed, issues write only to alert', () => {
    const needsToken = new Set(['_build-and-publish.yml', '_live-watch.yml']);
    const alerting = { contents: 'read', actions: 'read', issues: 'write' };
    for (const w of workflows) {
      expect(w.permissions, w.file).toEqual(needsToken.has(w.file) ? { contents: 'read', 'id-token': 'write' } : { contents: 'read' });
      for (const [id, job] of jobsOf(w)) {
        const callee = job.uses?.replace('./.github/workflows/', '');
        const granted = callee && needsToken.has(callee) ? { contents: 'read', 'id-token': 'write' }
          : callee === ALERT || w.file === ALERT ? alerting : undefined;
        expect(job.permissions, `${w.file} ${id}`).toEqual(granted);
      }
    }
  });

  test('every scheduled workflow calls the alert after all its jobs, on scheduled runs that failed', () => {
    for (const file of Object.values(WORKFLOW_OF)) {
      const w = byFile(file);
      const alerts = jobsOf(w).filter(([, job]) => job.uses === `./.github/workflows/${ALERT}`);
      expect(alerts.map(([id]) => id), file).toEqual(['alert']);
      const [, alert] = alerts[0]!;
      expect([alert.needs].flat().sort(), file).toEqual(jobsOf(w).map(([id]) => id).filter((id) => id !== 'alert').sort());
      expect(alert.if, file).toBe("${{ failure() && github.event_name == 'schedule' }}");
    }
    expect(callsTo(ALERT).map(({ workflow }) => workflow.file).sort()).toEqual(Object.values(WORKFLOW_OF).sort());
  });

  test('the alert asks gh with the run token, under bash, and touches an issue only on a second failure in a row', () => {
    const alert = byFile(ALERT);
    expect(alert.on).toHaveProperty('workflow_call');
    expect(alert.defaults?.run?.shell).toBe('bash');
    const [job] = Object.values(alert.jobs);
    expect(job!.env).toMatchObject({ GH_TOKEN: '${{ github.token }}', GH_REPO: '${{ github.repository }}' });
    const steps = job!.steps!.filter((s) => s.run !== undefined);
    expect(steps.map((s) => s.name)).toEqual([undefined, 'Earlier scheduled runs', 'Second failure in a row?', 'Open or update the issue']);
    const issueStep = steps.at(-1)!;
    expect(issueStep.if).toBe("steps.streak.outputs.alert == 'true'");
    expect(issueStep.run).toMatch(/gh issue comment/);
    expect(issueStep.run).toMatch(/gh issue create/);
    expect(steps[2]!.run).toMatch(/pipeline\/ops\/cli\.ts streak/);
  });

  test('Google authentication is Workload Identity Federation from repository variables, never a key', () => {
    const auth = allSteps.filter(({ step }) => step.uses?.startsWith('google-github-actions/auth@'));
    expect(auth.map((a) => a.file).sort()).toEqual(['_build-and-publish.yml', '_live-watch.yml']);
    for (const { step } of auth) {
      expect(step.uses).toBe('google-github-actions/auth@v2');
      expect(step.with).toEqual({ workload_identity_provider: '${{ vars.GCP_WORKLOAD_IDENTITY_PROVIDER }}', service_account: '${{ vars.GCP_SERVICE_ACCOUNT }}' });
    }
    for (const w of workflows) expect(w.text, w.file).not.toMatch(/credentials_json|GOOGLE_APPLICATION_CREDENTIALS|private_key|secrets\.GCP|secrets\.GOOGLE/);
  });

  test('every Node setup is Node 22 with the npm cache', () => {
    const setups = allSteps.filter(({ step }) => step.uses?.startsWith('actions/setup-node@'));
    expect(setups.length).toBeGreaterThanOrEqual(4);
    for (const { file, step } of setups) expect(step.with, file).toEqual({ 'node-version': 22, cache: 'npm' });
  });

  test('runs of one trigger share one concurrency group and never cancel each other', () => {
    const builds = callsTo('_build-and-publish.yml');
    for (const { workflow, id, job } of builds) {
      const trigger = String(job.with?.trigger);
      expect(job.concurrency, `${workflow.file} ${id}`).toEqual({ group: `props-api-${trigger}`, 'cancel-in-progress': false });
    }
    for (const trigger of TRIGGERS.filter((t) => t !== 'live')) {
      expect(builds.some(({ workflow, job }) => workflow.file === WORKFLOW_OF[trigger] && job.with?.trigger === trigger), trigger).toBe(true);
    }
    for (const { id, job } of callsTo('_live-watch.yml')) expect(job.concurrency, id).toEqual({ group: 'props-api-live', 'cancel-in-progress': false });
  });

  test('manual runs choose the trigger, a date or a range, the endpoints and a dry run', () => {
    const dispatch = byFile('build-manual.yml').on.workflow_dispatch as { inputs: Record<string, { type: string; options?: string[] }> };
    expect(Object.keys(dispatch.inputs).sort()).toEqual(['date', 'dry-run', 'from', 'only', 'to', 'trigger']);
    expect(dispatch.inputs.trigger!.options!.sort()).toEqual([...TRIGGERS, 'all'].sort());
    expect(dispatch.inputs['dry-run']!.type).toBe('boolean');
    for (const file of Object.values(WORKFLOW_OF)) expect(byFile(file).on, file).toHaveProperty('workflow_dispatch');
  });

  test('calls into local reusable workflows pass only declared inputs and every required one', () => {
    for (const w of workflows) {
      for (const [id, job] of jobsOf(w).filter(([, j]) => j.uses?.startsWith('./'))) {
        const callee = calledWorkflow(workflows, job.uses!);
        expect(callee, `${w.file} ${id} → ${job.uses}`).toBeDefined();
        const call = (callee!.on.workflow_call ?? {}) as { inputs?: Record<string, { required?: boolean }>; secrets?: Record<string, { required?: boolean }> };
        const declared = (section: Record<string, { required?: boolean }> | undefined) => Object.keys(section ?? {});
        const required = (section: Record<string, { required?: boolean }> | undefined) => Object.entries(section ?? {}).filter(([, v]) => v.required).map(([k]) => k);
        expect(declared(call.inputs), `${w.file} ${id}`).toEqual(expect.arrayContaining(Object.keys(job.with ?? {})));
        expect(Object.keys(job.with ?? {}), `${w.file} ${id}`).toEqual(expect.arrayContaining(required(call.inputs)));
        const secrets = job.secrets === 'inherit' ? undefined : Object.keys(job.secrets ?? {});
        expect(secrets, `${w.file} ${id} must pass secrets by name`).toBeDefined();
        expect(declared(call.secrets)).toEqual(expect.arrayContaining(secrets!));
        expect(secrets).toEqual(expect.arrayContaining(required(call.secrets)));
      }
    }
  });

  test('the live loop gets the feed key from the BALLDONTLIE_API_KEY secret', () => {
    for (const { id, job } of callsTo('_live-watch.yml')) expect((job as Job).secrets, id).toEqual({ BALLDONTLIE_API_KEY: '${{ secrets.BALLDONTLIE_API_KEY }}' });
    expect(byFile('_live-watch.yml').text).toContain('BALLDONTLIE_API_KEY: ${{ secrets.BALLDONTLIE_API_KEY }}');
  });

  test("CI runs the README's test command on pull requests, with no apt step (Chromium comes from npm)", () => {
    const command = /^npm ci && npm test\b/m.exec(readFileSync(new URL('../../README.md', import.meta.url), 'utf8'))?.[0];
    expect(command).toBe('npm ci && npm test');
    const ci = byFile('ci.yml');
    expect(ci.on).toHaveProperty('pull_request');
    const runs = Object.values(ci.jobs).flatMap((job) => (job.steps ?? []).map((s) => s.run ?? ''));
    const test = runs.findIndex((run) => run.trim() === command);
    expect(test).toBeGreaterThan(-1);
    expect(runs.filter((run) => /\bapt(-get)?\b/.test(run))).toEqual([]);
    expect(readFileSync(new URL('../../.ci/run', import.meta.url), 'utf8')).not.toMatch(/^[^#\n]*\bapt-get\b/m);
  });
});
