/**
 * Property tests (fast-check) for the two guards every published byte passes through:
 * - the path slug (`isSafePathSegment`): anything it accepts is one safe path segment that no
 *   decoding or normalisation changes; anything with `/`, `\`, `..`, `%`, a capital, a non-ASCII
 *   character, a control character or nothing at all is refused; and real slugs (dates, seasons,
 *   player lookups) are accepted;
 * - the serialiser (`serializePayload`): deterministic, round-trips through `JSON.parse` for every
 *   JSON value, keeps the payload's key order, and refuses every value JSON cannot carry
 *   faithfully, naming where it is.
 */
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isSafePathSegment } from '../../pipeline/paths.ts';
import { SerializationProblem, serializePayload, serializeStamped, sha256Hex } from '../../pipeline/serialize.ts';

const RUNS = { numRuns: 1000 };

/** Strings biased towards what attacks a path: dots, slashes, escapes, capitals, unicode. */
const PIECES = ['a', 'z', '0', '9', '-', '.', '..', '/', '\\', '%', '%2e', '%2E', '%2f', '%5c', '%00', 'A', 'Z', ' ', 'é', 'ﬁ', '\u0000', '\n', '\u202e', '😀', 'ı', 'K'];
const pathish = fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((parts) => parts.join(''));
const anyString = fc.oneof(pathish, fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary', maxLength: 70 }));

describe('path slug', () => {
  test('anything accepted is one segment that decoding and normalising leave alone', () => {
    fc.assert(
      fc.property(anyString, (value) => {
        if (!isSafePathSegment(value)) return;
        expect(value.length).toBeGreaterThanOrEqual(1);
        expect(value.length).toBeLessThanOrEqual(64);
        expect(value).toMatch(/^[a-z0-9-]+$/);
        expect(value).not.toMatch(/^-|-$|^\.{1,2}$/);
        expect(encodeURIComponent(value)).toBe(value);
        expect(decodeURIComponent(value)).toBe(value);
        expect(path.posix.normalize(`v1/${value}.json`)).toBe(`v1/${value}.json`);
        expect(path.posix.join('/srv/tree', value)).toBe(`/srv/tree/${value}`);
        expect(value.normalize('NFKC')).toBe(value);
      }),
      RUNS,
    );
  });

  const dangerous = fc.constantFrom('/', '\\', '..', '%', '%2e', '%2f', 'A', 'Q', 'é', 'İ', 'K', '\u0000', '\t', ' ', '😀', '.');
  test('anything with a slash, `..`, `%`, a capital, non-ASCII, whitespace or a control character is refused', () => {
    fc.assert(
      fc.property(pathish, dangerous, pathish, (before, bad, after) => {
        expect(isSafePathSegment(`${before}${bad}${after}`)).toBe(false);
      }),
      RUNS,
    );
  });

  test('the empty string, over-long values and non-strings are refused', () => {
    expect(isSafePathSegment('')).toBe(false);
    fc.assert(fc.property(fc.integer({ min: 65, max: 500 }), (n) => {
      expect(isSafePathSegment('a'.repeat(n))).toBe(false);
    }));
    fc.assert(fc.property(fc.anything().filter((v) => typeof v !== 'string'), (v) => {
      expect(isSafePathSegment(v)).toBe(false);
    }));
  });

  test('real slugs are accepted: dates, seasons, player lookups', () => {
    const lower = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'), minLength: 1, maxLength: 30 });
    const slug = fc.array(lower, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('-')).filter((s) => s.length <= 64);
    const date = fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(fc.property(fc.oneof(slug, date), (value) => {
      expect(isSafePathSegment(value)).toBe(true);
    }), RUNS);
    expect(isSafePathSegment('2024-25')).toBe(true);
  });
});

/** `-0` is the one JSON number that does not survive: JSON writes it as `0`. */
const noNegativeZero = (value: unknown): unknown =>
  Object.is(value, -0) ? 0 : Array.isArray(value) ? value.map(noNegativeZero) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, noNegativeZero(v)])) : value;

describe('serialiser', () => {
  test('deterministic, and round-trips through JSON.parse', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const bytes = serializePayload(value);
        expect(serializePayload(structuredClone(value)).equals(bytes)).toBe(true);
        const text = bytes.toString('utf8');
        expect(text.endsWith('\n')).toBe(true);
        expect(Buffer.from(text, 'utf8').equals(bytes)).toBe(true);
        expect(JSON.parse(text)).toEqual(noNegativeZero(value));
      }),
      RUNS,
    );
  });

  test('key order is the payload order, at every depth', () => {
    const keys = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !/^\d+$/.test(k)), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(keys, fc.jsonValue({ maxDepth: 2 }), (names, leaf) => {
        const inner = Object.fromEntries(names.map((name) => [name, leaf]));
        const payload = Object.fromEntries(names.map((name) => [name, inner]));
        const parsed = JSON.parse(serializePayload(payload).toString('utf8')) as Record<string, Record<string, unknown>>;
        expect(Object.keys(parsed)).toEqual(names);
        for (const name of names) expect(Object.keys(parsed[name]!)).toEqual(names);
        // Another insertion order is other bytes: order is part of the contract, never re-sorted by chance.
        const reversed = Object.fromEntries([...names].reverse().map((name) => [name, inner]));
        if (names.length > 1) expect(serializePayload(reversed).equals(serializePayload(payload))).toBe(false);
      }),
      RUNS,
    );
  });

  test('a stamped payload serialised once is byte-identical to serialising it with the stamp set', () => {
    // Nested objects may carry the same key (with an empty string too); only the top-level one is the stamp.
    const stamp = fc.constantFrom('2025-03-16T01:30:00Z', '', 'a "quoted"\nstamp');
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 })), fc.jsonValue({ maxDepth: 2 }), stamp, (rest, nested, chosen) => {
        const payload = { ...rest, generated_at: 'stale', nested: { generated_at: '', inner: nested }, list: [{ generated_at: '' }] };
        let seen = '';
        const once = serializeStamped(payload, 'generated_at', (sha) => { seen = sha; return chosen; });
        expect(once.bytes.equals(serializePayload({ ...payload, generated_at: chosen }))).toBe(true);
        expect(once.contentSha256).toBe(sha256Hex(serializePayload({ ...payload, generated_at: '' })));
        expect(seen).toBe(once.contentSha256);
      }),
      RUNS,
    );
  });

  class Money { readonly cents = 5; }
  const notJson = fc.constantFrom<unknown>(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, undefined, () => 1, 10n, Symbol('s'), new Date(0), new Map(), new Set([1]), new Money(), new Uint8Array(2));

  /** A JSON value with `bad` planted at a random place; returns it and the JSON pointer of that place. */
  const planted = fc.tuple(fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.nat(4)), { maxLength: 4 }), notJson).map(([steps, bad]) => {
    let pointer = '';
    const root: Record<string, unknown> = { ok: true };
    let node: Record<string, unknown> | unknown[] = root;
    steps.forEach((step, i) => {
      const last = i === steps.length - 1;
      const child = last ? bad : typeof steps[i + 1] === 'number' ? [] : {};
      if (Array.isArray(node)) {
        const index = node.length;
        node.push(child);
        pointer += `/${index}`;
      } else {
        const key = `k${String(step)}`;
        node[key] = child;
        pointer += `/${key}`;
      }
      node = child as Record<string, unknown>;
    });
    if (steps.length === 0) {
      root.bad = bad;
      pointer = '/bad';
    }
    return { root, pointer };
  });

  test('refuses every value JSON cannot carry, naming where it is', () => {
    fc.assert(
      fc.property(planted, ({ root, pointer }) => {
        let thrown: unknown;
        try {
          serializePayload(root);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(SerializationProblem);
        expect((thrown as SerializationProblem).pointer).toBe(pointer);
      }),
      RUNS,
    );
  });
});
