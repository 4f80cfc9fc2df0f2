/**
 * Deterministic serialisation: the same payload always gives the same bytes.
 *
 * Key order is the payload's insertion order (render is pure, so it is stable); 2-space indent
 * and a final newline, like the old API; non-ASCII kept as UTF-8. Anything JSON cannot carry
 * faithfully (NaN, ±Infinity, undefined, functions, bigint, dates, class instances) is refused
 * rather than silently turned into `null` or dropped.
 */
import { createHash } from 'node:crypto';

export class SerializationProblem extends Error {
  readonly pointer: string;
  constructor(pointer: string, detail: string) {
    super(`${pointer || '/'} ${detail}`);
    this.pointer = pointer;
  }
}

function check(value: unknown, pointer: string): void {
  switch (typeof value) {
    case 'string': case 'boolean': return;
    case 'number':
      if (!Number.isFinite(value)) throw new SerializationProblem(pointer, `is ${value}, which JSON cannot represent`);
      return;
    case 'object':
      if (value === null) return;
      if (Array.isArray(value)) { value.forEach((item, i) => check(item, `${pointer}/${i}`)); return; }
      if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
        throw new SerializationProblem(pointer, `is a ${value.constructor?.name ?? 'non-plain'} object; render must return plain data`);
      }
      for (const [key, item] of Object.entries(value)) check(item, `${pointer}/${key}`);
      return;
    default:
      throw new SerializationProblem(pointer, `is ${typeof value}, which JSON cannot represent`);
  }
}

export function serializePayload(payload: unknown): Buffer {
  check(payload, '');
  return Buffer.from(`${JSON.stringify(payload, null, 2)}\n`, 'utf8');
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
