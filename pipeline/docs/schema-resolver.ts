/**
 * `$ref` resolution over one set of loaded schema files (the current `schemas/`, or a released
 * copy for the schema diff). Refs are resolved the way ajv resolves them: against the `$id` of the
 * file that holds them, with a JSON Pointer fragment.
 */
import type { SchemaFile } from '../schema-registry.ts';

export type SchemaNode = Record<string, unknown>;

/** A schema node together with where it lives: its file's `$id`, that file's path and the JSON Pointer. */
export interface LocatedNode {
  node: SchemaNode;
  /** `$id` of the file holding the node (the base for refs inside it). */
  baseId: string;
  /** Path of that file under `schemas/`, e.g. `results/daily.schema.json`. */
  file: string;
  /** JSON Pointer of the node inside its file, `''` for the root. */
  pointer: string;
}

export interface SchemaResolver {
  /** The root of a loaded file, by `$id`. */
  root(id: string): LocatedNode | undefined;
  /** The node a `$ref` found at `from` points to; throws when it does not resolve (a broken schema set). */
  resolve(ref: string, from: LocatedNode): LocatedNode;
}

export function createSchemaResolver(files: readonly SchemaFile[]): SchemaResolver {
  const byId = new Map(files.map((f) => [f.id, f]));
  const root = (id: string): LocatedNode | undefined => {
    const file = byId.get(id);
    return file ? { node: file.schema, baseId: file.id, file: file.file, pointer: '' } : undefined;
  };
  return {
    root,
    resolve(ref, from) {
      const url = new URL(ref, from.baseId);
      const fragment = decodeURIComponent(url.hash.replace(/^#/, ''));
      url.hash = '';
      const target = root(url.href);
      const node = target === undefined ? undefined : getPointer(target.node, fragment);
      if (target === undefined || node === undefined) {
        throw new Error(`Internal error: \`$ref\` ${ref} in ${from.file}#${from.pointer} does not resolve`);
      }
      return { node, baseId: target.baseId, file: target.file, pointer: fragment };
    },
  };
}

/** RFC 6901: `/a/b~1c` → ['a', 'b/c']. */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function appendPointer(pointer: string, ...tokens: (string | number)[]): string {
  return pointer + tokens.map((t) => `/${String(t).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function getPointer(root: SchemaNode, pointer: string): SchemaNode | undefined {
  let node: unknown = root;
  for (const token of pointerTokens(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node !== null && typeof node === 'object' ? (node as SchemaNode) : undefined;
}

/** A child node of `parent` (`properties/x`, `items`, `anyOf/0`, …) with its pointer. */
export function childNode(parent: LocatedNode, ...tokens: (string | number)[]): LocatedNode | undefined {
  let node: unknown = parent.node;
  for (const token of tokens) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[String(token)];
  }
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
  return { node: node as SchemaNode, baseId: parent.baseId, file: parent.file, pointer: appendPointer(parent.pointer, ...tokens) };
}
