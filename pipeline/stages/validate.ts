/**
 * Stage 4, validate: a rendered payload against its endpoint's JSON Schema (ajv, compiled once
 * per schema, all errors reported).
 */
import { ExportError, SchemaValidationError } from '../errors.ts';
import type { SchemaRegistry } from '../schema-registry.ts';
import type { RenderedFile } from './render.ts';

export interface ValidatedFile extends RenderedFile { readonly validated: true }

const MAX_ISSUES_PER_FILE = 8;

export function validateFile(file: RenderedFile, schemas: SchemaRegistry): ValidatedFile {
  const { exporter } = file;
  if (!schemas.has(exporter.schema)) {
    throw new ExportError('SchemaNotFound', `schema \`${exporter.schema}\` is not in schemas/`, { exporterId: exporter.id, outputPath: file.outputPath });
  }
  const validate = schemas.validator(exporter.schema);
  if (validate(file.payload)) return { ...file, validated: true };
  const errors = validate.errors ?? [];
  const issues = errors.slice(0, MAX_ISSUES_PER_FILE).map((e) => ({ instancePath: e.instancePath, message: `${e.message ?? 'is invalid'}${describeParams(e.params)}` }));
  throw new SchemaValidationError(`payload does not match ${exporter.schema} (${errors.length} problem(s))`, issues, { exporterId: exporter.id, outputPath: file.outputPath });
}

function describeParams(params: Record<string, unknown>): string {
  const { additionalProperty, allowedValues } = params as { additionalProperty?: string; allowedValues?: unknown[] };
  if (additionalProperty) return ` (\`${additionalProperty}\`)`;
  if (allowedValues) return ` (${allowedValues.map((v) => JSON.stringify(v)).join(', ')})`;
  return '';
}
