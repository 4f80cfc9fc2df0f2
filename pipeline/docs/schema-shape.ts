/**
 * The consumer-visible shape of one schema node: which JSON types a value may have, which values
 * when it is an enum or const, its format, and the object / array-item schemas below it. `$ref`,
 * `anyOf` and `oneOf` are followed, so `{ anyOf: [{ $ref: '#/$defs/x' }, { type: 'null' }] }` is
 * "x or null". Keywords beside a `$ref` other than annotations are not intersected (the schemas
 * here only put `description` there).
 */
import { childNode, type LocatedNode, type SchemaResolver } from './schema-resolver.ts';

/** `'any'` stands for a node that constrains nothing (every JSON value is allowed). */
export type JsonType = 'array' | 'boolean' | 'integer' | 'null' | 'number' | 'object' | 'string' | 'any';

export interface NodeShape {
  /** Allowed JSON types, `null` included, sorted. */
  types: JsonType[];
  /** The allowed non-null values when every non-null variant is an enum or const; undefined when unconstrained. */
  values: unknown[] | undefined;
  /** The `format` every string variant shares, if any. */
  format: string | undefined;
  description: string | undefined;
  /** Nodes declaring `properties` or an `additionalProperties` schema. */
  objects: LocatedNode[];
  /** Array item schemas. */
  items: LocatedNode[];
}

const MAX_REF_DEPTH = 32;

export function shapeOf(located: LocatedNode, resolver: SchemaResolver, depth = 0): NodeShape {
  const { node } = located;
  if (depth > MAX_REF_DEPTH) throw new Error(`Internal error: \`$ref\` chain too deep at ${located.file}#${located.pointer}`);
  const own = typeof node.description === 'string' ? node.description : undefined;
  if (typeof node.$ref === 'string') {
    const target = shapeOf(resolver.resolve(node.$ref, located), resolver, depth + 1);
    return { ...target, description: own ?? target.description };
  }
  const variantKey = Array.isArray(node.anyOf) ? 'anyOf' : Array.isArray(node.oneOf) ? 'oneOf' : undefined;
  if (variantKey !== undefined) {
    const variants = (node[variantKey] as unknown[]).map((_, i) => shapeOf(childNode(located, variantKey, i)!, resolver, depth + 1));
    return { ...unionShapes(variants), description: own };
  }
  return { ...leafShape(located), description: own };
}

function leafShape(located: LocatedNode): Omit<NodeShape, 'description'> {
  const { node } = located;
  const enumValues = Object.hasOwn(node, 'const') ? [node.const] : Array.isArray(node.enum) ? node.enum : undefined;
  const declared = node.type === undefined ? [] : (Array.isArray(node.type) ? node.type : [node.type]) as JsonType[];
  const types = new Set<JsonType>(declared.length > 0 ? declared : enumValues?.map(jsonTypeOf) ?? []);
  if (enumValues?.includes(null)) types.add('null');
  const objects = node.properties !== undefined || isSchemaObject(node.additionalProperties) ? [located] : [];
  const items = childNode(located, 'items');
  if (types.size === 0 && objects.length > 0) types.add('object');
  if (types.size === 0 && items) types.add('array');
  if (types.size === 0) types.add('any');
  return {
    types: [...types].sort(),
    values: enumValues?.filter((v) => v !== null),
    format: typeof node.format === 'string' ? node.format : undefined,
    objects,
    items: items ? [items] : [],
  };
}

function unionShapes(variants: readonly NodeShape[]): Omit<NodeShape, 'description'> {
  const types = [...new Set(variants.flatMap((v) => v.types))].sort();
  const nonNull = variants.filter((v) => !(v.types.length === 1 && v.types[0] === 'null'));
  const constrained = nonNull.every((v) => v.values !== undefined);
  const formats = new Set(nonNull.filter((v) => v.types.includes('string')).map((v) => v.format));
  return {
    types: types.includes('any') ? ['any'] : types,
    values: constrained && nonNull.length > 0 ? [...new Set(nonNull.flatMap((v) => v.values!))] : undefined,
    format: formats.size === 1 ? [...formats][0] : undefined,
    objects: variants.flatMap((v) => v.objects),
    items: variants.flatMap((v) => v.items),
  };
}

function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

function isSchemaObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
