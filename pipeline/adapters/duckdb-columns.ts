/**
 * Column readers for the DuckDB adapter: one chunk column → the port's values (see ports.ts),
 * read straight from the vector's memory through `@duckdb/node-bindings` (the C API under
 * `@duckdb/node-api`).
 *
 * Why not `DuckDBVector.getItem` (issue 10): the library makes a Uint8Array view and a
 * TextDecoder call per string, a BigInt pair per validity check, a value object (and a BigInt)
 * per DECIMAL, and keeps an item cache per vector. On the player queries that was most of the
 * conversion time and most of the young garbage. Here each column is one typed-array view over
 * the vector's data, validity is a bit test on its mask, and a string equal to the row above
 * (same bytes, or the same heap pointer and length) is the same JS string, so denormalised
 * context columns repeated on every history row cost one decode, not thousands.
 *
 * Result chunks of the C API are flat vectors (the same assumption the library makes when it
 * reads them). Types without a reader here (lists, structs, HUGEINT, wide DECIMAL, …) go through
 * the fallback the caller gives, which uses the library.
 */
import duckdb from '@duckdb/node-bindings';
import { DuckDBDateValue, DuckDBTimestampTZValue, DuckDBTimestampValue, DuckDBTypeId, dateFromTimestampTZValue, dateFromTimestampValue, type DuckDBDecimalType, type DuckDBType, type Json } from '@duckdb/node-api';
import { isoInstant } from '../time.ts';

/** Reads one column of a raw result chunk (`DuckDBDataChunk.chunk`) into the port's values. */
export type RawColumnReader = (chunk: duckdb.DataChunk, column: number, rowCount: number) => (Json | null)[];

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

/** BIGINT-like values as numbers, refused outside JavaScript's safe integer range. */
export function safeNumberFromBigInt(big: bigint): number {
  if (big > MAX_SAFE || big < MIN_SAFE) throw new RangeError(`integer ${big} is outside JavaScript's safe range`);
  return Number(big);
}

type TypedArrayOf = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => ArrayLike<number | bigint>;

/** The reader for a column of this type, or undefined when the caller's fallback must read it. */
export function rawColumnReader(type: DuckDBType): RawColumnReader | undefined {
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN: return numeric(Uint8Array, 1, (v) => v !== 0);
    case DuckDBTypeId.TINYINT: return numeric(Int8Array, 1, asNumber);
    case DuckDBTypeId.UTINYINT: return numeric(Uint8Array, 1, asNumber);
    case DuckDBTypeId.SMALLINT: return numeric(Int16Array, 2, asNumber);
    case DuckDBTypeId.USMALLINT: return numeric(Uint16Array, 2, asNumber);
    case DuckDBTypeId.INTEGER: return numeric(Int32Array, 4, asNumber);
    case DuckDBTypeId.UINTEGER: return numeric(Uint32Array, 4, asNumber);
    case DuckDBTypeId.FLOAT: return numeric(Float32Array, 4, asNumber);
    case DuckDBTypeId.DOUBLE: return numeric(Float64Array, 8, asNumber);
    case DuckDBTypeId.BIGINT: return numeric(BigInt64Array, 8, (v) => safeNumberFromBigInt(v as bigint));
    case DuckDBTypeId.UBIGINT: return numeric(BigUint64Array, 8, (v) => safeNumberFromBigInt(v as bigint));
    case DuckDBTypeId.DECIMAL: return decimalReader(type as DuckDBDecimalType);
    case DuckDBTypeId.DATE: {
      const format = memoised((days: number) => new DuckDBDateValue(days).toString());
      return numeric(Int32Array, 4, (days) => format(days as number));
    }
    case DuckDBTypeId.TIMESTAMP: {
      const format = memoised((micros: bigint) => isoInstant(dateFromTimestampValue(new DuckDBTimestampValue(micros))));
      return numeric(BigInt64Array, 8, (micros) => format(micros as bigint));
    }
    case DuckDBTypeId.TIMESTAMP_TZ: {
      const format = memoised((micros: bigint) => isoInstant(dateFromTimestampTZValue(new DuckDBTimestampTZValue(micros))));
      return numeric(BigInt64Array, 8, (micros) => format(micros as bigint));
    }
    case DuckDBTypeId.VARCHAR: return varCharReader();
    default: return undefined;
  }
}

const asNumber = (value: number | bigint): Json => value as number;

/** A fixed-width column: one typed view over the data, NULLs from the validity mask. */
function numeric(View: TypedArrayOf, width: number, convert: (value: number | bigint) => Json): RawColumnReader {
  return (chunk, column, rowCount) => {
    const vector = duckdb.data_chunk_get_vector(chunk, column);
    const bytes = duckdb.vector_get_data(vector, rowCount * width);
    const items = new View(bytes.buffer, bytes.byteOffset, rowCount);
    const validity = validityOf(vector, rowCount);
    const out = new Array<Json | null>(rowCount);
    for (let row = 0; row < rowCount; row += 1) out[row] = isValid(validity, row) ? convert(items[row]!) : null;
    return out;
  };
}

/**
 * DECIMAL(width, scale) as `scaled / 10^scale`: both are exact doubles while the scaled value
 * is within 2^53, so the division is the correctly rounded double (DuckDB's own cast). Widths
 * over 18 (128-bit storage) are left to the fallback.
 */
function decimalReader(type: DuckDBDecimalType): RawColumnReader | undefined {
  const divisor = 10 ** type.scale;
  if (type.width <= 4) return numeric(Int16Array, 2, (v) => (v as number) / divisor);
  if (type.width <= 9) return numeric(Int32Array, 4, (v) => (v as number) / divisor);
  if (type.width <= 18) {
    // Past 2^53 the decimal text parses to the correctly rounded double.
    return numeric(BigInt64Array, 8, (v) => {
      const scaled = v as bigint;
      return scaled > MAX_SAFE || scaled < MIN_SAFE ? Number(`${scaled}e-${type.scale}`) : Number(scaled) / divisor;
    });
  }
  return undefined;
}

/** The validity mask's bytes (bit i of the little-endian 64-bit words = row i), or null when every row is valid. */
function validityOf(vector: duckdb.Vector, rowCount: number): Uint8Array | null {
  return duckdb.vector_get_validity(vector, Math.ceil(rowCount / 64) * 8) ?? null;
}

function isValid(validity: Uint8Array | null, row: number): boolean {
  return validity === null || (validity[row >> 3]! & (1 << (row & 7))) !== 0;
}

const STRING_STRUCT_BYTES = 16;
const INLINE_MAX_BYTES = 12;
const utf8 = new TextDecoder();

/**
 * VARCHAR: each row is a 16-byte `duckdb_string_t` (length u32, then up to 12 inline bytes, or a
 * 4-byte prefix and a heap pointer). A row whose 16 bytes equal the row above's is the same
 * string: inline bytes are the whole value, and a heap string is identified by its pointer and
 * length within one vector. Short strings (team codes, OVER/UNDER) are interned for the whole
 * result by their bytes: otherwise each row holds a copy (issue 10: 12 MB of a 64 MB live heap).
 */
function varCharReader(): RawColumnReader {
  const short = new Map<number, string>();
  return (chunk, column, rowCount) => {
    const vector = duckdb.data_chunk_get_vector(chunk, column);
    const bytes = duckdb.vector_get_data(vector, rowCount * STRING_STRUCT_BYTES);
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset, rowCount * 4);
    const validity = validityOf(vector, rowCount);
    const out = new Array<Json | null>(rowCount);
    let previous: string | null = null;
    let previousRow = -1;
    for (let row = 0; row < rowCount; row += 1) {
      if (!isValid(validity, row)) {
        out[row] = null;
        continue;
      }
      const at = row * 4;
      if (previousRow < 0 || !sameStruct(words, at, previousRow * 4)) previous = stringAt(bytes, words, row, short);
      out[row] = previous;
      previousRow = row;
    }
    return out;
  };
}

/** Longest string interned by its bytes: length and six bytes make an exact integer key (< 2^51). */
const INTERN_MAX_BYTES = 6;

function stringAt(bytes: Uint8Array, words: Uint32Array, row: number, short: Map<number, string>): string {
  const at = row * 4;
  const length = words[at]!;
  const start = row * STRING_STRUCT_BYTES + 4;
  if (length <= INTERN_MAX_BYTES) {
    // The key holds the length and every byte the string can have, so two keys are equal only
    // for equal strings (bytes past the length, zero in DuckDB's own strings, can only make a miss).
    const key = length * 2 ** 48 + (words[at + 2]! & 0xffff) * 2 ** 32 + words[at + 1]!;
    let text = short.get(key);
    if (text === undefined) short.set(key, (text = decodeShort(bytes, start, length)));
    return text;
  }
  if (length <= INLINE_MAX_BYTES) return decodeShort(bytes, start, length);
  return utf8.decode(duckdb.get_data_from_pointer(bytes.buffer as ArrayBuffer, bytes.byteOffset + row * STRING_STRUCT_BYTES + 8, length));
}

function sameStruct(words: Uint32Array, at: number, other: number): boolean {
  return words[at] === words[other] && words[at + 1] === words[other + 1] && words[at + 2] === words[other + 2] && words[at + 3] === words[other + 3];
}

/** Inline strings (≤ 12 bytes): ASCII by char codes, anything else through the UTF-8 decoder. */
function decodeShort(bytes: Uint8Array, start: number, length: number): string {
  let text = '';
  for (let i = start; i < start + length; i += 1) {
    const byte = bytes[i]!;
    if (byte >= 0x80) return utf8.decode(bytes.subarray(start, start + length));
    text += String.fromCharCode(byte);
  }
  return text;
}

/** Dates and instants repeat a lot within a result: each distinct one is formatted once. */
function memoised<K, V>(format: (key: K) => V): (key: K) => V {
  const seen = new Map<K, V>();
  return (key) => {
    let value = seen.get(key);
    if (value === undefined) seen.set(key, (value = format(key)));
    return value;
  };
}
