/**
 * A step that pipes runs with pipefail (issue 18). Under GitHub's default `bash -e {0}` the
 * status of `cli | tee log` is tee's, so a failed build showed as a green step. The lint finds
 * every `run:` that pipes (shell-pipes.ts) and asks for pipefail from the shell GitHub would
 * pick (step-shell.ts) or from a `set -o pipefail` before the first pipe.
 */
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { pipeOffsets } from './shell-pipes.ts';
import { pipesWithoutPipefail, shellHasPipefail, shellTemplateOf, UNSPECIFIED_SHELL } from './step-shell.ts';
import { readWorkflows, type Workflow } from './workflow-files.ts';

/** `file job#step` of every run step that pipes without pipefail. */
function unsafePipes(workflows: readonly Omit<Workflow, 'text'>[]): string[] {
  return workflows.flatMap((workflow) => Object.entries(workflow.jobs).flatMap(([id, job]) =>
    (job.steps ?? []).flatMap((step, index) =>
      step.run !== undefined && pipesWithoutPipefail(shellTemplateOf(workflow, job, step), step.run) ? [`${workflow.file} ${id}#${step.name ?? index}`] : [])));
}

/** A one-job workflow, parsed as readWorkflows parses the real ones. */
function workflowOf(file: string, yaml: string): Omit<Workflow, 'text'> {
  return { file, ...(parse(yaml) as Omit<Workflow, 'file' | 'text'>) };
}

describe('pipefail lint', () => {
  test('no workflow step pipes without pipefail', () => {
    expect(unsafePipes(readWorkflows())).toEqual([]);
  });

  test('every workflow with run steps makes bash with pipefail its default shell', () => {
    for (const workflow of readWorkflows()) {
      const runs = Object.values(workflow.jobs).some((job) => (job.steps ?? []).some((step) => step.run !== undefined));
      if (runs) expect(workflow.defaults, workflow.file).toEqual({ run: { shell: 'bash' } });
    }
  });

  test('the lint catches a piped step under the default shell, an overriding shell or a late set -o pipefail', () => {
    const job = (steps: string) => `jobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;
    const step = (run: string, shell?: string) => `      - name: s\n${shell ? `        shell: ${shell}\n` : ''}        run: |\n${run.split('\n').map((l) => `          ${l}`).join('\n')}\n`;
    const withDefaults = (yaml: string) => `defaults:\n  run:\n    shell: bash\n${yaml}`;
    const cases: [string, string, boolean][] = [
      ['no shell', job(step('node cli.js 2>&1 | tee log')), true],
      ['defaults bash', withDefaults(job(step('node cli.js 2>&1 | tee log'))), false],
      ['step shell bash', job(step('node cli.js | tee log', 'bash')), false],
      ['step overrides defaults', withDefaults(job(step('node cli.js | tee log', 'bash -e {0}'))), true],
      ['custom shell with pipefail', job(step('node cli.js | tee log', 'bash -euo pipefail {0}')), false],
      ['set -o pipefail first', job(step('set -euo pipefail\nnode cli.js | tee log')), false],
      ['set -o pipefail after the pipe', job(step('node cli.js | tee log\nset -o pipefail')), true],
      ['no pipe at all', job(step('node cli.js || exit 1')), false],
    ];
    for (const [name, yaml, flagged] of cases) expect(unsafePipes([workflowOf(name, yaml)]).length, name).toBe(flagged ? 1 : 0);
  });
});

describe('the shell GitHub picks', () => {
  test('step, then job, then workflow defaults; none is bash -e without pipefail', () => {
    expect(shellTemplateOf({}, {}, {})).toBe('bash -e {0}');
    expect(shellTemplateOf({ defaults: { run: { shell: 'bash' } } }, {}, {})).toBe('bash --noprofile --norc -eo pipefail {0}');
    expect(shellTemplateOf({ defaults: { run: { shell: 'bash' } } }, { defaults: { run: { shell: 'sh' } } }, {})).toBe('sh -e {0}');
    expect(shellTemplateOf({ defaults: { run: { shell: 'bash' } } }, {}, { shell: 'bash -e {0}' })).toBe('bash -e {0}');
    expect(shellHasPipefail(UNSPECIFIED_SHELL)).toBe(false);
    expect(shellHasPipefail('bash --noprofile --norc -eo pipefail {0}')).toBe(true);
    expect(shellHasPipefail('bash -o pipefail -e {0}')).toBe(true);
    expect(shellHasPipefail('bash -e {0} pipefail')).toBe(false);
  });
});

describe('pipeOffsets', () => {
  // [script, how many pipes]
  const cases: [string, number][] = [
    ['a | b', 1],
    ['a|b|c', 2],
    ['a |& b', 1],
    ['a || b', 0],
    ['a||b && c', 0],
    ['a >| file', 0],
    ["node -p 'x | y'", 0],
    ['echo "a | b"', 0],
    ['echo "a \\" | b"', 0],
    ['echo a \\| b', 0],
    ['a # pipe into | b', 0],
    ['echo a#|b', 1],
    ['x="$(a | b)"', 1],
    ['x="$(echo ")" | b)"', 1],
    ['x=$(( 1 | 2 ))', 0],
    ['echo "${x//|/-}"', 0],
    ['echo `a | b`', 1],
    ['cat <<EOF\na | b\nEOF\nc | d', 1],
    ["cat <<-'END'\n\ta | b\n\tEND\nc", 0],
    ['a <<< "x | y"', 0],
    ['( a | b ) || c', 1],
  ];
  test.each(cases)('%j pipes %i time(s)', (script, count) => {
    expect(pipeOffsets(script)).toHaveLength(count);
  });
});
