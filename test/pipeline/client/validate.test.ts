/**
 * The client's dependency-free validator (pipeline/client/validate.ts, shipped as the generated
 * `validators/`) gives ajv's verdict, the build's own validator, on every endpoint's schema
 * example and on mutations of it: each field deleted, retyped, made negative, nulled, and an
 * unknown field added. And the generator refuses a schema keyword the validator does not check.
 */
import { describe, expect, test } from 'vitest';
import { bundleSchema } from '../../../pipeline/client/schema-bundle.ts';
import { createValidator } from '../../../pipeline/client/validate.ts';
import { createSchemaRegistry, loadSchemaFiles } from '../../../pipeline/schema-registry.ts';

const schemas = await loadSchemaFiles();
const registry = await createSchemaRegistry();
const endpointSchemas = schemas.filter((s) => !s.file.startsWith('_shared/'));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Deep enough to reach a field of an array item's nested object; each position costs a deep copy. */
const MAX_DEPTH = 4;

/** Every value position of `value` (JSON pointer tokens) to MAX_DEPTH, depth-first, arrays by their first item only. */
function positions(value: Json, at: string[] = []): string[][] {
  if (at.length >= MAX_DEPTH) return [];
  if (Array.isArray(value)) return value.length === 0 ? [] : [[...at, '0'], ...positions(value[0]!, [...at, '0'])];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => [[...at, key], ...positions(item, [...at, key])]);
}

function mutated(example: Json, at: string[], change: (parent: Record<string, Json> | Json[], key: string) => void): Json {
  const copy = structuredClone(example);
  let parent = copy as Record<string, Json>;
  for (const token of at.slice(0, -1)) parent = parent[token] as Record<string, Json>;
  change(parent, at.at(-1)!);
  return copy;
}

const valueAt = (value: Json, at: string[]): Json => at.reduce((v, token) => (v as Record<string, Json>)[token]!, value);

/** Each mutation with the kind of value it applies to (kept few: each costs a deep copy). */
const MUTATIONS: Record<string, [applies: (value: Json) => boolean, change: (parent: Record<string, Json> | Json[], key: string) => void]> = {
  delete: [() => true, (parent, key) => { if (Array.isArray(parent)) parent.splice(Number(key), 1); else delete parent[key]; }],
  string: [(v) => typeof v !== 'string', (parent, key) => { (parent as Record<string, Json>)[key] = 'x'; }],
  null: [(v) => v !== null, (parent, key) => { (parent as Record<string, Json>)[key] = null; }],
  negative: [(v) => typeof v === 'number', (parent, key) => { (parent as Record<string, Json>)[key] = -1.5; }],
  badDate: [(v) => typeof v === 'string', (parent, key) => { (parent as Record<string, Json>)[key] = '2025-02-30'; }],
  extra: [(v) => v !== null && typeof v === 'object' && !Array.isArray(v), (parent, key) => { ((parent as Record<string, Json>)[key] as Record<string, Json>).unexpected_field = 1; }],
};

describe.each(endpointSchemas.map((s) => [s.file, s] as const))('%s', (_, schema) => {
  const client = createValidator(bundleSchema(schemas, schema.id));
  const ajv = registry.validator(schema.id);
  const examples = (schema.schema.examples ?? []) as Json[];

  test('its examples pass both validators', () => {
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) expect([client(example), ajv(example)]).toEqual([true, true]);
  });

  test('every mutation of the example gets ajv\'s verdict', () => {
    const disagreements: string[] = [];
    let rejected = 0;
    for (const at of positions(examples[0]!)) {
      for (const [name, [applies, change]] of Object.entries(MUTATIONS)) {
        if (!applies(valueAt(examples[0]!, at))) continue;
        const payload = mutated(examples[0]!, at, change);
        const expected = ajv(payload);
        if (!expected) rejected += 1;
        if (client(payload) !== expected) disagreements.push(`${name} /${at.join('/')}: ajv ${expected}`);
      }
    }
    expect(disagreements).toEqual([]);
    expect(rejected, 'the mutations exercise rejections').toBeGreaterThan(0);
  });
});

test('the generator refuses a schema keyword the client validator does not check', () => {
  const odd = { file: 'x/odd.schema.json', id: 'https://nbaprops.com/schemas/x/odd.schema.json', schema: { $id: 'https://nbaprops.com/schemas/x/odd.schema.json', type: 'array', uniqueItems: true } };
  expect(() => bundleSchema([odd], odd.id)).toThrow(/x\/odd.schema.json uses `uniqueItems`/);
});
