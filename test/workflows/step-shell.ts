/**
 * How GitHub runs a `run:` step on a Linux runner, for the workflow tests (issue 18): the shell
 * it picks, whether that shell has pipefail, where a script pipes, and running a step's script
 * as a file under that shell. GitHub's rules
 * (https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idstepsshell):
 * the step's `shell:`, else the job's, else the workflow's `defaults.run.shell`; none at all is
 * `bash -e {0}`, which has no pipefail, so `cli | tee log` succeeds whenever `tee` does.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeOffsets } from './shell-pipes.ts';
import type { Job, Step, Workflow } from './workflow-files.ts';

/** The shell GitHub uses on Linux when no `shell:` applies. */
export const UNSPECIFIED_SHELL = 'bash -e {0}';
/** GitHub's templates for the named shells; any other value is a custom `command … {0}`. */
const NAMED_SHELLS: Record<string, string> = { bash: 'bash --noprofile --norc -eo pipefail {0}', sh: 'sh -e {0}' };

export function shellTemplateOf(workflow: Pick<Workflow, 'defaults'>, job: Pick<Job, 'defaults'>, step: Pick<Step, 'shell'>): string {
  const shell = step.shell ?? job.defaults?.run?.shell ?? workflow.defaults?.run?.shell;
  if (shell === undefined) return UNSPECIFIED_SHELL;
  return NAMED_SHELLS[shell] ?? shell;
}

/** `-o pipefail`, or an option cluster ending in `o` (`-eo pipefail`), among the template's words. */
export function shellHasPipefail(template: string): boolean {
  const words = template.trim().split(/\s+/);
  return words.some((word, i) => /^-[a-zA-Z]*o$/.test(word) && words[i + 1] === 'pipefail');
}

/** Offset of the script's first `set … -o pipefail` line (`set -euo pipefail` too), or -1. */
export function pipefailSetAt(script: string): number {
  return /^[ \t]*set(?:[ \t]+-[a-zA-Z]+)*[ \t]+-[a-zA-Z]*o[ \t]+pipefail\b/m.exec(script)?.index ?? -1;
}

/** The script pipes somewhere, and neither the shell nor a `set` line before the first pipe turns pipefail on. */
export function pipesWithoutPipefail(template: string, script: string): boolean {
  const pipes = pipeOffsets(script);
  if (pipes.length === 0 || shellHasPipefail(template)) return false;
  const set = pipefailSetAt(script);
  return set === -1 || set > pipes[0]!;
}

/** The argv GitHub runs: the template's words with `{0}` replaced by the script file. */
export function shellArgv(template: string, scriptFile: string): string[] {
  const words = template.trim().split(/\s+/);
  if (!words.includes('{0}')) throw new Error(`shell template \`${template}\` has no {0} for the script file`);
  return words.map((word) => (word === '{0}' ? scriptFile : word));
}

export interface StepRun { code: number; output: string }

let scriptCount = 0;

/** Writes `script` to a file in `dir` and runs it as GitHub would under `template`; stdout and stderr interleaved. */
export async function runStepScript(options: { template: string; script: string; dir: string; cwd: string; env: Record<string, string> }): Promise<StepRun> {
  const file = path.join(options.dir, `step-${++scriptCount}.sh`);
  await writeFile(file, options.script);
  const [command, ...args] = shellArgv(options.template, file);
  const child = spawn(command!, args, { cwd: options.cwd, env: options.env });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  return { code, output };
}

/**
 * `${{ a || b }}` replaced by the first non-empty of the named values. Only names and `||` are
 * understood, and a name missing from `values` throws, so a new expression gets a chosen value.
 */
export function expandExpressions(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\$\{\{(.*?)\}\}/g, (_, expression: string) => {
    const names = expression.split('||').map((name) => name.trim());
    for (const name of names) if (!(name in values)) throw new Error(`no value for \${{ ${name} }} in "${text}"`);
    return names.map((name) => values[name]!).find((value) => value !== '') ?? '';
  });
}
