/** Every CLI sub-command, in `--help` order. */
import type { Command } from './command.ts';
import build from './build.ts';
import generate from './generate.ts';
import preview from './preview.ts';
import sql from './sql.ts';
import start from './start.ts';

export const commands: readonly Command[] = [start, build, preview, generate, sql];
