/**
 * The CLI: sub-command dispatch, flag parsing (node:util parseArgs), errors printed once as a
 * numbered cause chain with a non-zero exit code. Commands live in `pipeline/commands/`.
 */
import { parseArgs } from 'node:util';
import { formatErrorChain } from './errors.ts';
import { commands } from './commands/index.ts';

const HELP = () => `props-api — build and publish the NBA props static JSON API

Usage: props-api <command> [options]      (props-api <command> --help for details)

Commands:
${commands.map((c) => `  ${c.name.padEnd(14)} ${c.summary}`).join('\n')}
`;

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    process.stdout.write(HELP());
    return name === undefined ? 1 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`✖ Unknown command \`${name}\`.\n\n${HELP()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  const verbose = rest.includes('--verbose') || /props-api|^\*$/.test(process.env.DEBUG ?? '');
  try {
    const { values, positionals } = parseArgs({ args: [...rest], options: command.options, allowPositionals: command.allowPositionals ?? false, strict: true });
    return await command.run({ values, positionals });
  } catch (error) {
    process.stderr.write(`${formatErrorChain(error, verbose)}\n`);
    return (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? 2 : 1;
  }
}
