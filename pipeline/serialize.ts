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

/** Fast pass: is everything JSON can carry faithfully? (No pointer strings are built on the hot path.) */
function representable(value: unknown): boolean {
  switch (typeof value) {
    case 'string': case 'boolean': return true;
    case 'number': return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i += 1) if (!representable(value[i])) return false;
        return true;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) return false;
      for (const key in value) if (!representable((value as Record<string, unknown>)[key])) return false;
      return true;
    }
    default: return false;
  }
}

/** Slow pass, only once the fast one failed: throws naming the first bad value's JSON pointer. */
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

function serializeToText(payload: unknown): string {
  if (!representable(payload)) check(payload, '');
  return `${JSON.stringify(payload, null, 2)}\n`;
}

export function serializePayload(payload: unknown): Buffer {
  return Buffer.from(serializeToText(payload), 'utf8');
}

export interface StampedSerialization {
  /** SHA-256 of the bytes with the stamp blanked (`""`): what "the content changed" is judged by. */
  contentSha256: string;
  /** The bytes with the stamp the caller chose from the content hash. */
  bytes: Buffer;
}

/**
 * Serialise a payload whose top-level `stampField` is a generated-at stamp, once: the text is made
 * with the stamp blanked, hashed, and the chosen stamp is spliced into the top-level key's line.
 * Byte-identical to `serializePayload({ ...payload, [stampField]: stampFor(hash) })`: with 2-space
 * indentation only a top-level key starts a line with exactly two spaces, and a string value never
 * holds a raw newline, so the first `\n  "<field>": ""` is the top-level key.
 */
export function serializeStamped(payload: Record<string, unknown>, stampField: string, stampFor: (contentSha256: string) => string): StampedSerialization {
  const blank = serializeToText({ ...payload, [stampField]: '' });
  const contentSha256 = sha256Hex(blank);
  const marker = `\n  ${JSON.stringify(stampField)}: ""`;
  const at = blank.indexOf(marker);
  if (at < 0) throw new Error(`Internal error: the stamp field \`${stampField}\` is not a top-level key of the serialised payload`);
  const text = `${blank.slice(0, at)}\n  ${JSON.stringify(stampField)}: ${JSON.stringify(stampFor(contentSha256))}${blank.slice(at + marker.length)}`;
  return { contentSha256, bytes: Buffer.from(text, 'utf8') };
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
