/**
 * Flattens an endpoint schema into the fields a consumer reads, with dotted paths:
 * `summary.win_rate`, `results[]` (the items of an array), `results[].player_lookup`,
 * `by_system.*` (the values of a map). The docs' field table and the schema diff both read this list.
 */
import { childNode, type LocatedNode, type SchemaResolver } from './schema-resolver.ts';
import { shapeOf, type JsonType, type NodeShape } from './schema-shape.ts';

export interface SchemaField {
  /** Dotted path in the payload. */
  path: string;
  /** Path of the enclosing field (`''` for top-level fields). */
  parent: string;
  /** `property` of an object, `items` of an array (`x[]`), or `values` of a map (`x.*`). */
  kind: 'property' | 'items' | 'values';
  /** Schema file (under `schemas/`) and JSON Pointer where the field is declared. */
  file: string;
  pointer: string;
  types: JsonType[];
  /** True when `null` is an allowed value. */
  nullable: boolean;
  /** True when the enclosing object always has the key (array items and map values: true). */
  required: boolean;
  /** Allowed non-null values of an enum or const; undefined when unconstrained. */
  values: unknown[] | undefined;
  format: string | undefined;
  description: string;
}

/** Every field of the schema whose root is `root`, depth first in declaration order. */
export function listSchemaFields(root: LocatedNode, resolver: SchemaResolver): SchemaField[] {
  const fields: SchemaField[] = [];
  const shape = shapeOf(root, resolver);
  walkObjects({ resolver, fields, onStack: new Set() }, shape.objects, '');
  return fields;
}

interface Walk {
  resolver: SchemaResolver;
  fields: SchemaField[];
  /** `file#pointer` of object schemas being walked, so a recursive schema stops instead of looping. */
  onStack: Set<string>;
}

function walkObjects(walk: Walk, objects: readonly LocatedNode[], parent: string): void {
  const fresh = objects.filter((o) => !walk.onStack.has(`${o.file}#${o.pointer}`));
  for (const o of fresh) walk.onStack.add(`${o.file}#${o.pointer}`);
  for (const [name, declarations] of propertiesOf(fresh)) {
    const required = fresh.every((o) => Array.isArray(o.node.required) && o.node.required.includes(name));
    addField(walk, declarations, { path: join(parent, name), parent, kind: 'property', required });
  }
  const maps = fresh.map((o) => childNode(o, 'additionalProperties')).filter((m) => m !== undefined);
  if (maps.length > 0) addField(walk, maps, { path: `${parent}.*`, parent, kind: 'values', required: true });
  for (const o of fresh) walk.onStack.delete(`${o.file}#${o.pointer}`);
}

/** Property name → its declarations across object variants, in first-seen order. */
function propertiesOf(objects: readonly LocatedNode[]): Map<string, LocatedNode[]> {
  const byName = new Map<string, LocatedNode[]>();
  for (const o of objects) {
    const properties = o.node.properties;
    if (properties === null || typeof properties !== 'object') continue;
    for (const name of Object.keys(properties)) {
      const declared = childNode(o, 'properties', name);
      if (declared) byName.set(name, [...(byName.get(name) ?? []), declared]);
    }
  }
  return byName;
}

type FieldPlace = Pick<SchemaField, 'path' | 'parent' | 'kind' | 'required'>;

function addField(walk: Walk, declarations: readonly LocatedNode[], place: FieldPlace): void {
  const shapes = declarations.map((d) => shapeOf(d, walk.resolver));
  const shape = mergeShapes(shapes);
  const first = declarations[0]!;
  walk.fields.push({
    ...place,
    file: first.file,
    pointer: first.pointer,
    types: shape.types,
    nullable: shape.types.includes('null') || shape.types.includes('any'),
    values: shape.values,
    format: shape.format,
    description: shape.description ?? '',
  });
  walkObjects(walk, shape.objects, place.path);
  if (shape.items.length > 0) addField(walk, shape.items, { path: `${place.path}[]`, parent: place.path, kind: 'items', required: true });
}

function mergeShapes(shapes: readonly NodeShape[]): NodeShape {
  if (shapes.length === 1) return shapes[0]!;
  const types = [...new Set(shapes.flatMap((s) => s.types))].sort();
  const constrained = shapes.every((s) => s.values !== undefined);
  return {
    types,
    values: constrained ? [...new Set(shapes.flatMap((s) => s.values!))] : undefined,
    format: shapes.every((s) => s.format === shapes[0]!.format) ? shapes[0]!.format : undefined,
    description: shapes.find((s) => s.description !== undefined)?.description,
    objects: shapes.flatMap((s) => s.objects),
    items: shapes.flatMap((s) => s.items),
  };
}

function join(parent: string, name: string): string {
  return parent === '' ? name : `${parent}.${name}`;
}
