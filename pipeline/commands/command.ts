/**
 * The shape of a CLI sub-command. `pipeline/cli.ts` parses flags with `node:util` parseArgs
 * using `options`, then calls `run`. Commands turn flags into options and call the library;
 * they print nothing on failure (the CLI prints the error chain once).
 */
import type { ParseArgsConfig } from 'node:util';

export type CommandOptions = NonNullable<ParseArgsConfig['options']>;

export interface CommandArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

export interface Command {
  name: string;
  /** One line for `props-api --help`. */
  summary: string;
  /** Usage and flag reference for `props-api <name> --help`. */
  usage: string;
  options: CommandOptions;
  allowPositionals?: boolean;
  /** Resolves to the process exit code. */
  run(args: CommandArgs): Promise<number>;
}

export function defineCommand(command: Command): Command {
  return command;
}
