/**
 * What `validate: true` loads for one endpoint: its schema and the shared schemas it refers to,
 * with annotations dropped (descriptions, titles, examples: the validator does not read them) and
 * every `$ref` made absolute, as a SchemaBundle (validate.ts). A schema keyword the client's
 * validator does not check fails the generation, so the client never passes a payload on a rule
 * it silently skipped.
 */
import type { SchemaFile } from '../schema-registry.ts';
import { SUPPORTED_KEYWORDS, type SchemaBundle, type SchemaNode } from './validate.ts';

/** Keywords that say nothing about validity. */
const ANNOTATIONS = new Set(['$schema', '$comment', 'title', 'description', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly']);
/** Keywords whose value maps names to schemas (the names are not keywords). */
const SCHEMA_MAPS = new Set(['properties', '$defs']);

export function bundleSchema(schemas: readonly SchemaFile[], rootId: string): SchemaBundle {
  const documents: Record<string, SchemaNode> = {};
  const pending = [rootId];
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (Object.hasOwn(documents, id)) continue;
    const file = schemas.find((s) => s.id === id);
    if (!file) throw new Error(`Internal error: schema ${rootId} refers to ${id}, which is not in schemas/`);
    documents[id] = strip(file.schema, { base: id, refs: pending, at: file.file }) as SchemaNode;
  }
  return { root: `${rootId}#`, documents: Object.fromEntries(Object.entries(documents).sort(([a], [b]) => a.localeCompare(b))) };
}

interface StripContext { base: string; refs: string[]; at: string }

function strip(node: unknown, ctx: StripContext): unknown {
  if (typeof node === 'boolean') return node;
  if (node === null || typeof node !== 'object' || Array.isArray(node)) throw new Error(`Internal error: ${ctx.at} holds a schema that is not an object or boolean`);
  const out: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(node)) {
    if (ANNOTATIONS.has(keyword)) continue;
    if (!SUPPORTED_KEYWORDS.includes(keyword)) throw new Error(`Schema ${ctx.at} uses \`${keyword}\`, which the typed client's validator (pipeline/client/validate.ts) does not check: add it there first`);
    out[keyword] = stripValue(keyword, value, ctx);
  }
  return out;
}

function stripValue(keyword: string, value: unknown, ctx: StripContext): unknown {
  if (keyword === '$ref') {
    const absolute = new URL(String(value), ctx.base).href;
    ctx.refs.push(absolute.split('#')[0]!);
    return absolute.includes('#') ? absolute : `${absolute}#`;
  }
  if (SCHEMA_MAPS.has(keyword)) return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([name, schema]) => [name, strip(schema, ctx)]));
  if (keyword === 'items' || keyword === 'additionalProperties') return strip(value, ctx);
  if (keyword === 'anyOf') return (value as unknown[]).map((schema) => strip(schema, ctx));
  return value;
}

/** `validators/<family>/<name>.js`: the endpoint's validator, built from its bundle on first import. */
export function renderValidatorModule(bundle: SchemaBundle, banner: string, depth: number): string {
  const up = '../'.repeat(depth);
  return `${banner}\nimport { createValidator } from '${up}validate.js';\n\nexport default createValidator(${JSON.stringify(bundle)});\n`;
}
