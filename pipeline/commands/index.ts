/** Every CLI sub-command, in `--help` order. */
import type { Command } from './command.ts';
import build from './build.ts';
import generate from './generate.ts';

export const commands: readonly Command[] = [build, generate];
