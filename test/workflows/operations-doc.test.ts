/**
 * docs/operations.md matches the code (issue 21): every `props-api` command line in it names a real
 * command and only that command's flags; every workflow file it names exists; the repository
 * variables and secrets it tells the operator to set are exactly the ones the workflows read; and
 * every `PROPS_API_*` variable it names is one the code reads or a workflow sets.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fg from 'fast-glob';
import { describe, expect, test } from 'vitest';
import { loadCommand } from '../../pipeline/commands/index.ts';
import { readWorkflows } from './workflow-files.ts';

const DOC = readFileSync(new URL('../../docs/operations.md', import.meta.url), 'utf8');
/** The pipeline's source, where every variable name the code reads is spelt out. */
const CODE = fg.sync('pipeline/**/*.ts', { cwd: fileURLToPath(new URL('../../', import.meta.url)), absolute: true }).map((file) => readFileSync(file, 'utf8')).join('\n');
const workflows = readWorkflows();

/** Each `props-api …` invocation: in fenced blocks to the end of the line (continuations joined, `#` comments cut), inline to the closing backtick. */
function invocations(text: string): string[] {
  const found: string[] = [];
  const blocks = [...text.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1]!.replace(/\\\n\s*/g, ' '));
  for (const line of blocks.flatMap((b) => b.split('\n'))) {
    const m = /(?:^|[\s(])(props-api [a-z].*)$/.exec(line.replace(/(^|\s)#.*$/, ''));
    if (m) found.push(m[1]!.trim());
  }
  const prose = text.replace(/```[\s\S]*?```/g, '');
  for (const m of prose.matchAll(/`(props-api [a-z][^`]*)`/g)) found.push(m[1]!);
  return found;
}

const used = (pattern: RegExp) => new Set(workflows.flatMap((w) => [...w.text.matchAll(pattern)].map((m) => m[1]!)));

describe('docs/operations.md', () => {
  const lines = invocations(DOC);

  test('finds the command lines', () => {
    expect(lines.length).toBeGreaterThan(20);
  });

  test.for(lines)('%s: a real command with its own flags', async (line) => {
    const [, name, ...rest] = line.split(/\s+/);
    const command = await loadCommand(name!);
    expect(command, `props-api ${name}`).toBeDefined();
    const flags = rest.filter((word) => word.startsWith('--')).map((word) => word.replace(/^--/, '').replace(/[=,.;:)].*$/, ''));
    for (const flag of flags) expect(Object.keys(command!.options), `${line}: --${flag}`).toContain(flag);
  });

  test('every workflow file it names exists', () => {
    const named = new Set([...DOC.matchAll(/\b([_a-z][a-z-]*\.yml)\b/g)].map((m) => m[1]!));
    expect([...named].filter((file) => !workflows.some((w) => w.file === file))).toEqual([]);
  });

  test('the variables and secret it sets are exactly those the workflows read', () => {
    const setVariables = new Set([...DOC.matchAll(/gh variable set (\w+)/g)].map((m) => m[1]!));
    const setSecrets = new Set([...DOC.matchAll(/gh secret set (\w+)/g)].map((m) => m[1]!));
    expect([...setVariables].sort()).toEqual([...used(/\bvars\.(\w+)/g)].sort());
    expect([...setSecrets].sort()).toEqual([...used(/\bsecrets\.(\w+)/g)].sort());
  });

  test('every PROPS_API_* variable it names is read by the code or set by a workflow', () => {
    const named = new Set([...DOC.matchAll(/\b(PROPS_API_[A-Z_]+)\b/g)].map((m) => m[1]!));
    const known = (name: string) => CODE.includes(name) || workflows.some((w) => w.text.includes(name));
    expect([...named].filter((name) => !known(name))).toEqual([]);
  });
});
