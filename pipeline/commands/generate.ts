/**
 * `props-api generate` (`npm run generate`): regenerate `generated/` from `schemas/`.
 */
import { writeGeneratedTypes } from '../generate-types.ts';
import { defineCommand } from './command.ts';

export default defineCommand({
  name: 'generate',
  summary: 'regenerate TypeScript types in generated/ from schemas/',
  usage: 'Usage: props-api generate\n\nWrites generated/<family>/<name>.ts for every schema (json-schema-to-typescript).',
  options: {},
  async run() {
    const changed = await writeGeneratedTypes();
    process.stderr.write(changed.length === 0 ? 'generated/ is up to date\n' : `generated/: updated ${changed.join(', ')}\n`);
    return 0;
  },
});
