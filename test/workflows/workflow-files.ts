/**
 * Reads `.github/workflows/*.yml` for the workflow tests: the parsed YAML, each scheduled
 * workflow's cron lines, and the Eastern guard rule it hands to `_eastern-guard.yml`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const WORKFLOWS_DIR = fileURLToPath(new URL('../../.github/workflows/', import.meta.url));

/** `defaults:` of a workflow or a job; only `run.shell` matters to the tests. */
export interface Defaults { run?: { shell?: string; 'working-directory'?: string } }

export interface Step {
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
  name?: string;
  id?: string;
  if?: string;
}

export interface Job {
  uses?: string;
  defaults?: Defaults;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
  needs?: string | string[];
  if?: string;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress'?: boolean };
  secrets?: Record<string, string> | 'inherit';
  steps?: Step[];
  [key: string]: unknown;
}

export interface Workflow {
  file: string;
  text: string;
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  defaults?: Defaults;
  jobs: Record<string, Job>;
}

export function readWorkflows(): Workflow[] {
  return readdirSync(WORKFLOWS_DIR)
    .filter((file) => /\.ya?ml$/.test(file))
    .sort()
    .map((file) => {
      const text = readFileSync(path.join(WORKFLOWS_DIR, file), 'utf8');
      return { file, text, ...(parse(text) as Omit<Workflow, 'file' | 'text'>) };
    });
}

export function cronLinesOf(workflow: Workflow): string[] {
  const schedule = (workflow.on.schedule ?? []) as { cron: string }[];
  return schedule.map((entry) => entry.cron);
}

/** The `with:` of the job that calls the Eastern guard; undefined when the workflow has none. */
export function guardInputsOf(workflow: Workflow): { hours: string; weekdays?: string; monthdays?: string } | undefined {
  const job = Object.values(workflow.jobs).find((j) => j.uses === './.github/workflows/_eastern-guard.yml');
  return job?.with as { hours: string; weekdays?: string; monthdays?: string } | undefined;
}

/** `./.github/workflows/x.yml` → the parsed workflow x.yml. */
export function calledWorkflow(all: readonly Workflow[], uses: string): Workflow | undefined {
  return all.find((w) => `./.github/workflows/${w.file}` === uses);
}
