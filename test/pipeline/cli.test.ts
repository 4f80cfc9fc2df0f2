/**
 * The CLI's dispatch: commands load on demand by name (issue 10: `props-api build` reads only the
 * build command's modules), every loader is keyed by its command's own name, the overview lists
 * them all in order, an unknown name exits 2, and the README's CLI reference covers every command.
 */
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { main } from '../../pipeline/cli.ts';
import { commandNames, loadAllCommands, loadCommand } from '../../pipeline/commands/index.ts';
import { dryRunFiles } from '../../pipeline/commands/build.ts';
import { exporters } from '../../exporters/index.ts';
import { createRenderContext } from '../../pipeline/build-context.ts';
import { resolveOptions } from '../../pipeline/config.ts';
import { planJobs } from '../../pipeline/stages/plan.ts';

const output = () => {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  return { out: () => out.join(''), err: () => err.join('') };
};

afterEach(() => { vi.restoreAllMocks(); });

describe('CLI dispatch', () => {
  test('each loader is keyed by the name its command declares, and the names are unique', async () => {
    const commands = await loadAllCommands();
    expect(commands.map((c) => c.name)).toEqual(commandNames);
    expect(new Set(commandNames).size).toBe(commandNames.length);
    for (const name of commandNames) expect((await loadCommand(name))?.name).toBe(name);
  });

  test('an unknown or inherited name is no command', async () => {
    expect(await loadCommand('deploy')).toBeUndefined();
    expect(await loadCommand('toString')).toBeUndefined();
    expect(await loadCommand('__proto__')).toBeUndefined();
  });

  test('--help lists every command with its summary, in order; an unknown command exits 2 with the overview', async () => {
    const io = output();
    expect(await main(['--help'])).toBe(0);
    const listed = [...io.out().matchAll(/^ {2}(\S+)\s{2,}\S/gm)].map((m) => m[1]);
    expect(listed).toEqual(commandNames);
    expect(await main(['deploy'])).toBe(2);
    expect(io.err()).toMatch(/Unknown command `deploy`/);
    expect(io.err()).toContain('  build ');
  });

  test("a command's --help prints its usage", async () => {
    const io = output();
    expect(await main(['build', '--help'])).toBe(0);
    expect(io.out()).toMatch(/^Usage: props-api build/);
  });

  test("the README's CLI reference has a row for every command", async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const reference = readme.slice(readme.indexOf('## CLI reference'), readme.indexOf('\n## ', readme.indexOf('## CLI reference') + 3));
    for (const name of commandNames) expect(reference, name).toMatch(new RegExp(`^\\| \`${name}[ \`]`, 'm'));
  });
});

describe('build --dry-run listing', () => {
  test('planned endpoints show their file count and first path; endpoints listed by their rows show their path template', () => {
    const ctx = createRenderContext(resolveOptions({ trigger: 'all', asOf: '2025-03-15T12:00:00Z' }), {}, { now: () => new Date() });
    const plan = planJobs(exporters, ctx);
    const line = (id: string) => dryRunFiles(plan.endpoints.find((e) => e.exporter.id === id)!);
    expect(line('results.daily')).toMatch(/^\s+1 file\(s\) {2}v1\/results\/2025-03-14\.json$/);
    expect(line('players.profile')).toBe('  from rows  v1/players/{player_lookup}.json (one per row group of its query)');
    expect(line('players.season')).toContain('v1/players/{player_lookup}/season/{season}.json');
  });
});
