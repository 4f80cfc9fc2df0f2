/**
 * The CLI: sub-command dispatch, flag parsing (node:util parseArgs), errors printed once as a
 * numbered cause chain with a non-zero exit code. Commands live in `pipeline/commands/` and are
 * loaded on demand (only the one that runs).
 */
import { parseArgs } from 'node:util';
import { isDebugEnabled } from './config.ts';
import { formatErrorChain } from './errors.ts';
import { loadAllCommands, loadCommand } from './commands/index.ts';

const HELP = async () => `props-api — build and publish the NBA props static JSON API

Usage: props-api <command> [options]      (props-api <command> --help for details)

Commands:
${(await loadAllCommands()).map((c) => `  ${c.name.padEnd(14)} ${c.summary}`).join('\n')}
`;

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    process.stdout.write(await HELP());
    return name === undefined ? 1 : 0;
  }
  const command = await loadCommand(name);
  if (!command) {
    process.stderr.write(`✖ Unknown command \`${name}\`.\n\n${await HELP()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  const verbose = rest.includes('--verbose') || isDebugEnabled();
  try {
    const { values, positionals } = parseArgs({ args: [...rest], options: command.options, allowPositionals: command.allowPositionals ?? false, strict: true });
    return await command.run({ values, positionals });
  } catch (error) {
    process.stderr.write(`${formatErrorChain(error, verbose)}\n`);
    return (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? 2 : 1;
  }
}
