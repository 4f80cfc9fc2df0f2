/**
 * The schemas of `schemas/` bundled as OpenAPI `components.schemas`, one per file under its title
 * (the TypeScript type name), with every `$ref` rewritten to point inside the document:
 * `../_shared/common.schema.json#/$defs/date` → `#/components/schemas/Common/$defs/date`.
 * `$id`, `$schema` and `examples` are dropped (examples go to `components.examples`), so tools
 * that do not resolve `$id`s read the document as it is.
 */
import type { SchemaFile } from '../schema-registry.ts';

const COMPONENT_NAME = /^[A-Za-z0-9._-]+$/;

export interface BundledSchemas {
  schemas: Record<string, unknown>;
  examples: Record<string, { summary: string; value: unknown }>;
  /** `$ref` of a schema file's component, by `$id`. */
  refFor(id: string): string;
  /** `$ref` of its example, when the schema has one. */
  exampleRefFor(id: string): string | undefined;
}

export function bundleSchemas(files: readonly SchemaFile[]): BundledSchemas {
  const nameById = new Map<string, string>();
  for (const file of files) {
    const name = String(file.schema.title);
    if (!COMPONENT_NAME.test(name) || [...nameById.values()].includes(name)) {
      throw new Error(`Internal error: schema ${file.file} needs a unique title of letters and digits to be an OpenAPI component, got \`${name}\``);
    }
    nameById.set(file.id, name);
  }
  const schemas: Record<string, unknown> = {};
  const examples: BundledSchemas['examples'] = {};
  for (const file of files) {
    const { $id: _id, $schema: _dialect, examples: fileExamples, ...rest } = file.schema;
    const name = nameById.get(file.id)!;
    schemas[name] = rewriteRefs(rest, file.id, nameById);
    const first = (fileExamples as unknown[] | undefined)?.[0];
    if (first !== undefined) examples[name] = { summary: `A ${name} file from the sample build (arrays cut to two items)`, value: first };
  }
  const refFor = (id: string): string => {
    const name = nameById.get(id);
    if (name === undefined) throw new Error(`Internal error: schema ${id} is not bundled`);
    return `#/components/schemas/${name}`;
  };
  const exampleRefFor = (id: string): string | undefined => {
    const name = nameById.get(id);
    return name !== undefined && examples[name] ? `#/components/examples/${name}` : undefined;
  };
  return { schemas, examples, refFor, exampleRefFor };
}

function rewriteRefs(node: unknown, baseId: string, nameById: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(node)) return node.map((child) => rewriteRefs(child, baseId, nameById));
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).map(([key, value]) => {
    if (key === '$ref' && typeof value === 'string') return [key, bundledRef(value, baseId, nameById)];
    return [key, rewriteRefs(value, baseId, nameById)];
  }));
}

function bundledRef(ref: string, baseId: string, nameById: ReadonlyMap<string, string>): string {
  const url = new URL(ref, baseId);
  const fragment = url.hash;
  url.hash = '';
  const name = nameById.get(url.href);
  if (name === undefined) throw new Error(`Internal error: \`$ref\` ${ref} in ${baseId} names a schema outside schemas/`);
  return `#/components/schemas/${name}${fragment.replace(/^#/, '')}`;
}
