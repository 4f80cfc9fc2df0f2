/**
 * `props-api generate` (`npm run generate`): regenerate `generated/` from `schemas/` and the
 * registry (types, OpenAPI document, docs page, types package); with `--examples`, first refresh
 * each schema's example from the newest local build.
 */
import { documentedFreshness, exporters } from '../../exporters/index.ts';
import { renderClientPackage } from '../client/render-client.ts';
import { DEFAULT_SERVER_URL, resolveServerUrl } from '../config.ts';
import { renderDocsArtifacts } from '../docs/generate-docs.ts';
import { writeTablesDoc } from '../docs/tables-doc.ts';
import { ConfigError } from '../errors.ts';
import { GENERATED_DIR, renderGeneratedTypes, writeGeneratedFiles } from '../generate-types.ts';
import { newestLocalBuild } from '../out-dir.ts';
import { SCHEMAS_DIR, loadSchemaFiles } from '../schema-registry.ts';
import { writeSchemaExamples } from '../schema-examples.ts';
import { defineCommand } from './command.ts';

export default defineCommand({
  name: 'generate',
  summary: 'regenerate generated/ types (and, with --examples, schema examples) from schemas/',
  usage: `Usage: props-api generate [--examples [--out DIR]] [--server-url URL]

Writes generated/<family>/<name>.ts for every schema (json-schema-to-typescript), and
generated/openapi.json, generated/docs/ and the @props-api/client package (typed client,
validators, index.js, index.d.ts, package.json) for every registered endpoint, and deletes any
other file under generated/ (one no schema or endpoint produces any more); then the list of
warehouse tables and columns in docs/tables.md (\`props-api sql --tables\`).

  --examples        first set each schema's "examples" to a file of the newest build in DIR
                    (arrays trimmed to 2 items); build the sample first with \`npm start\`
  --out DIR         output directory holding the builds (default: out)
  --server-url URL  where the API is served, for openapi.json's \`servers\`
                    (default: PROPS_API_SERVER_URL, else ${DEFAULT_SERVER_URL})`,
  options: { examples: { type: 'boolean' }, out: { type: 'string' }, 'server-url': { type: 'string' } },
  async run({ values }) {
    const serverUrl = resolveServerUrl(values['server-url'] as string | undefined);
    if (values.examples === true) {
      const outDir = (values.out as string | undefined) ?? 'out';
      const build = await newestLocalBuild(outDir);
      if (!build) throw new ConfigError('InvalidOption', `There is no build in \`${outDir}\` to take examples from`, { hint: 'Run `npm start` (or `props-api build`) first.' });
      if (!build.manifest.build.sample_data) throw new ConfigError('InvalidOption', `The newest build in \`${outDir}\` is not a sample build`, { hint: 'Schema examples come from the sample league only; build it with `npm start`.' });
      const changed = await writeSchemaExamples(build);
      process.stderr.write(changed.length === 0 ? 'schema examples are up to date\n' : `schema examples: updated ${changed.join(', ')}\n`);
    }
    const changed = await writeGenerated(GENERATED_DIR, serverUrl);
    process.stderr.write(changed.length === 0 ? 'generated/ is up to date\n' : `generated/: updated ${changed.join(', ')}\n`);
    const docs = await writeTablesDoc(exporters);
    process.stderr.write(docs.length === 0 ? 'docs/tables.md is up to date\n' : `updated ${docs.join(', ')}\n`);
    return 0;
  },
});

/**
 * Writes everything `generated/` holds (the types, the OpenAPI document, the docs page, the client
 * package) under `outDir`, each file only where it differs, and deletes the rest; returns the paths
 * written and removed. The staleness test regenerates into an empty directory and compares it with
 * `generated/`.
 */
export async function writeGenerated(outDir = GENERATED_DIR, serverUrl = DEFAULT_SERVER_URL): Promise<string[]> {
  const types = await renderGeneratedTypes(SCHEMAS_DIR);
  const docs = await renderDocsArtifacts({ exporters, freshnessOf: documentedFreshness, types, serverUrl });
  const client = await renderClientPackage({ exporters, schemas: await loadSchemaFiles(SCHEMAS_DIR), types });
  return writeGeneratedFiles(new Map([...types, ...docs, ...client]), outDir);
}
