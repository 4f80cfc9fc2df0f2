/**
 * Names of the generated types, settled before json-schema-to-typescript runs, so that every
 * named type is exported once from the package root under a meaningful name:
 * - a `$ref` with sibling keywords (a property's `description`) becomes `allOf: [{ $ref }]` plus
 *   the siblings; json-schema-to-typescript otherwise declares a numbered copy per use site
 *   (`BreakdownStats1…12`), and with this it names the one definition and keeps the comment;
 * - each endpoint `$defs` entry without a `title` gets one: its key in PascalCase (`resultRow` →
 *   `ResultRow`), or, when another schema's definition has that name too (a shared title, another
 *   endpoint's definition, an endpoint type), the endpoint's title in front (`LiveGradingSummary`,
 *   `ResultsDailySummary`), so one name is one definition across the package.
 * The schema files themselves are not changed.
 */
import type { SchemaFile } from './schema-registry.ts';

type Json = unknown;

/** The endpoint schemas (not `_shared/`) as json-schema-to-typescript should see them, by file. */
export function nameDefinitions(files: readonly SchemaFile[]): Map<string, Record<string, unknown>> {
  const endpoints = files.filter((f) => !f.file.startsWith('_shared/'));
  const taken = countNames(files);
  const out = new Map<string, Record<string, unknown>>();
  for (const file of endpoints) {
    const schema = liftRefSiblings(file.schema) as Record<string, unknown>;
    const defs = (schema.$defs ?? {}) as Record<string, Record<string, unknown>>;
    for (const [key, def] of Object.entries(defs)) {
      if (typeof def.title === 'string') continue;
      const name = pascalCase(key);
      def.title = (taken.get(name) ?? 0) > 1 ? `${String(schema.title)}${name}` : name;
    }
    out.set(file.file, schema);
  }
  return out;
}

/** How many definitions (titled schemas and untitled endpoint `$defs`) would take each name. */
function countNames(files: readonly SchemaFile[]): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (name: string) => counts.set(name, (counts.get(name) ?? 0) + 1);
  for (const file of files) {
    if (typeof file.schema.title === 'string' && !file.file.startsWith('_shared/')) add(file.schema.title);
    const defs = (file.schema.$defs ?? {}) as Record<string, Record<string, unknown>>;
    for (const [key, def] of Object.entries(defs)) {
      if (typeof def.title === 'string') add(def.title);
      else if (!file.file.startsWith('_shared/')) add(pascalCase(key));
    }
  }
  return counts;
}

/** A deep copy in which every `$ref` with siblings is `{ ...siblings, allOf: [{ $ref }] }`. */
export function liftRefSiblings(node: Json): Json {
  if (Array.isArray(node)) return node.map(liftRefSiblings);
  if (node === null || typeof node !== 'object') return node;
  const copy = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, liftRefSiblings(v)]));
  if (typeof copy.$ref !== 'string' || Object.keys(copy).length === 1) return copy;
  const { $ref, ...siblings } = copy;
  return { ...siblings, allOf: [{ $ref }] };
}

/** `resultRow` → `ResultRow`, `b2b-team` → `B2bTeam`. */
export function pascalCase(text: string): string {
  return text.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}
