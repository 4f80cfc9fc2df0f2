/**
 * Stage 4, validate: every rendered payload against its endpoint's JSON Schema, collecting
 * every failure (ajv `allErrors`) rather than stopping at the first.
 */
import { ExportError, SchemaValidationError } from '../errors.ts';
import type { SchemaRegistry } from '../schema-registry.ts';
import type { RenderedFile } from './render.ts';

export interface ValidatedFile extends RenderedFile { readonly validated: true }

export interface ValidateResult { readonly files: readonly ValidatedFile[]; readonly failures: readonly ExportError[] }

const MAX_ISSUES_PER_FILE = 8;

export function validateFiles(files: readonly RenderedFile[], schemas: SchemaRegistry): ValidateResult {
  const valid: ValidatedFile[] = [];
  const failures: ExportError[] = [];
  for (const file of files) {
    if (file.aliasOf) continue; // same payload object as its source file, validated there
    const { exporter } = file;
    if (!schemas.has(exporter.schema)) {
      failures.push(new ExportError('SchemaNotFound', `schema \`${exporter.schema}\` is not in schemas/`, { exporterId: exporter.id, outputPath: file.outputPath }));
      continue;
    }
    const validate = schemas.validator(exporter.schema);
    if (validate(file.payload)) continue;
    const issues = (validate.errors ?? []).slice(0, MAX_ISSUES_PER_FILE).map((e) => ({ instancePath: e.instancePath, message: `${e.message ?? 'is invalid'}${describeParams(e.params)}` }));
    failures.push(new SchemaValidationError(`payload does not match ${exporter.schema} (${validate.errors?.length ?? 0} problem(s))`, issues, { exporterId: exporter.id, outputPath: file.outputPath }));
  }
  const failedPaths = new Set(failures.map((f) => f.outputPath));
  for (const file of files) {
    if (!failedPaths.has(file.outputPath) && !(file.aliasOf && failedPaths.has(file.aliasOf))) valid.push({ ...file, validated: true });
  }
  return { files: valid, failures };
}

function describeParams(params: Record<string, unknown>): string {
  const { additionalProperty, allowedValues } = params as { additionalProperty?: string; allowedValues?: unknown[] };
  if (additionalProperty) return ` (\`${additionalProperty}\`)`;
  if (allowedValues) return ` (${allowedValues.map((v) => JSON.stringify(v)).join(', ')})`;
  return '';
}
