/**
 * Every CLI sub-command, in `--help` order, loaded on demand: a command's module (and what it
 * imports: the publisher, the preview server, the docs renderer, the cloud clients…) is read only
 * when that command runs, so `props-api build` does not pay for the others in start-up time or
 * memory (issue 10). Each loader's key is the command's `name` (checked by the CLI tests).
 */
import type { Command } from './command.ts';

type CommandModule = () => Promise<{ default: Command }>;

const LOADERS: Readonly<Record<string, CommandModule>> = {
  start: () => import('./start.ts'),
  seed: () => import('./seed.ts'),
  build: () => import('./build.ts'),
  preview: () => import('./preview.ts'),
  publish: () => import('./publish.ts'),
  releases: () => import('./releases.ts'),
  rollback: () => import('./rollback.ts'),
  'bucket-config': () => import('./bucket-config.ts'),
  doctor: () => import('./doctor.ts'),
  sql: () => import('./sql.ts'),
  generate: () => import('./generate.ts'),
  schema: () => import('./schema.ts'),
  graded: () => import('./graded.ts'),
  live: () => import('./live.ts'),
};

export const commandNames: readonly string[] = Object.keys(LOADERS);

/** The named command, or undefined when there is none. */
export async function loadCommand(name: string): Promise<Command | undefined> {
  const load = Object.hasOwn(LOADERS, name) ? LOADERS[name] : undefined;
  return load ? (await load()).default : undefined;
}

/** Every command, in `--help` order (for the overview and the reference tests). */
export async function loadAllCommands(): Promise<Command[]> {
  return Promise.all(commandNames.map(async (name) => (await LOADERS[name]!()).default));
}
