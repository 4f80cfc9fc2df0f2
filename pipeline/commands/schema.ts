/**
 * `props-api schema diff --against <dir|git-ref>`: the current schemas against the released ones,
 * in the output direction (what a consumer of the released files may now meet). Exits 0 when
 * nothing breaks or the API version was bumped; otherwise the CLI prints `BreakingSchemaChange`
 * and exits 1.
 */
import path from 'node:path';
import { ConfigError, invalidOption } from '../errors.ts';
import { SCHEMAS_DIR } from '../schema-registry.ts';
import { checkSchemaContract } from '../schema-diff/check-contract.ts';
import { DIFF_RULES } from '../schema-diff/rules.ts';
import { defineCommand } from './command.ts';

const RULES = Object.entries(DIFF_RULES).map(([id, rule]) => `  ${rule.breaking ? 'breaking ' : 'allowed  '} ${id.padEnd(20)} ${rule.title}`).join('\n');

export default defineCommand({
  name: 'schema',
  summary: 'schema diff --against <dir|git-ref>: breaking-change check of schemas/ against a release',
  usage: `Usage: props-api schema diff --against <dir|git-ref>

Compares schemas/ with the released schemas in the output direction (a consumer's view) and prints
each change with its schema file, JSON Pointer and field path. Exits non-zero on a breaking change
unless API_VERSION (pipeline/paths.ts) differs from the released tree's.

  --against X   a directory holding the released schemas (X/schemas/ or X itself), or a git ref
                (tag, branch, commit) whose schemas/ is read with git

Rules:
${RULES}`,
  options: { against: { type: 'string' } },
  allowPositionals: true,
  async run({ values, positionals }) {
    const [sub, ...extra] = positionals;
    if (sub !== 'diff' || extra.length > 0) throw invalidOption('subcommand', '`diff`', positionals.join(' '));
    if (typeof values.against !== 'string' || values.against === '') {
      throw new ConfigError('InvalidOption', 'Expected `--against` to be a directory or a git ref, got nothing', { hint: 'e.g. `props-api schema diff --against v1.0.0`' });
    }
    await checkSchemaContract({ against: values.against, repoDir: path.dirname(SCHEMAS_DIR), print: (line) => process.stdout.write(`${line}\n`) });
    return 0;
  },
});
