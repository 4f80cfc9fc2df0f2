/**
 * VARCHAR columns of a flat DuckDB vector → JS strings (issue 10), without a library call per
 * string.
 *
 * Each row is a 16-byte `duckdb_string_t`: a u32 length, then the bytes themselves when they fit
 * in 12, else a 4-byte prefix and a pointer into the vector's string heap. Three savings:
 * - a row whose 16 bytes equal the row above's is the same string (inline bytes are the whole
 *   value; a heap string is its pointer and length within one vector), so context columns
 *   repeated on every row of a join cost one decode;
 * - strings of up to 6 bytes (team codes, OVER/UNDER) are interned for the whole result by
 *   their bytes, not copied per row;
 * - heap strings laid end to end in the heap (a column's strings nearly always are) are read as
 *   one run: one `get_data_from_pointer` call and, when the run is ASCII, one decode, each
 *   string a slice of it. A run only ever spans bytes of its own strings, never a gap.
 */
import duckdb from '@duckdb/node-bindings';
import type { Json } from '@duckdb/node-api';
import { isValid, validityOf, type RawColumnReader } from './duckdb-vector-memory.ts';

const STRING_STRUCT_BYTES = 16;
const INLINE_MAX_BYTES = 12;
/** Longest string interned by its bytes: the length and six bytes make an exact integer key (< 2^51). */
const INTERN_MAX_BYTES = 6;
const TWO_32 = 2 ** 32;
const utf8 = new TextDecoder();

/** Heap bytes [start, end) of consecutive strings, read at once. */
interface HeapRun { start: number; end: number; data: Uint8Array; ascii: string | null }

/** Thrown by a reader on a string of more than its `maxBytes`, before the string is read. */
export class OversizedString extends Error {
  readonly row: number;
  readonly bytes: number;
  constructor(row: number, bytes: number) {
    super(`a string of ${bytes} bytes in row ${row} of the chunk`);
    this.row = row;
    this.bytes = bytes;
  }
}

/**
 * A reader for one result column (its interned short strings live as long as the result).
 * A string of more than `maxBytes` bytes throws `OversizedString` without being read.
 */
export function createVarCharReader(maxBytes = Number.POSITIVE_INFINITY): RawColumnReader {
  const short = new Map<number, string>();
  return (chunk, column, rowCount) => {
    const vector = duckdb.data_chunk_get_vector(chunk, column);
    const bytes = duckdb.vector_get_data(vector, rowCount * STRING_STRUCT_BYTES);
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset, rowCount * 4);
    const validity = validityOf(vector, rowCount);
    const out = new Array<Json | null>(rowCount);
    let previous: string | null = null;
    let previousRow = -1;
    let run: HeapRun | undefined;
    for (let row = 0; row < rowCount; row += 1) {
      if (!isValid(validity, row)) {
        out[row] = null;
        continue;
      }
      if (previousRow < 0 || !sameStruct(words, row * 4, previousRow * 4)) {
        const length = words[row * 4]!;
        if (length > maxBytes) throw new OversizedString(row, length);
        if (length <= INLINE_MAX_BYTES) previous = inlineString(bytes, words, row, short);
        else {
          const pointer = pointerAt(words, row);
          if (!run || pointer < run.start || pointer + length > run.end) run = readHeapRun(bytes, words, validity, row, rowCount);
          const offset = pointer - run.start;
          previous = run.ascii !== null ? run.ascii.slice(offset, offset + length) : utf8.decode(run.data.subarray(offset, offset + length));
        }
      }
      out[row] = previous;
      previousRow = row;
    }
    return out;
  };
}

function sameStruct(words: Uint32Array, at: number, other: number): boolean {
  return words[at] === words[other] && words[at + 1] === words[other + 1] && words[at + 2] === words[other + 2] && words[at + 3] === words[other + 3];
}

/** The heap pointer of a row's string (user-space addresses are below 2^48: exact as a number). */
function pointerAt(words: Uint32Array, row: number): number {
  return words[row * 4 + 2]! + words[row * 4 + 3]! * TWO_32;
}

/**
 * The run of heap strings that starts at `row`: later rows extend it while their string begins
 * where the run ends (rows inside it, such as a repeat, are passed over), so every byte read
 * belongs to one of its strings.
 */
function readHeapRun(bytes: Uint8Array, words: Uint32Array, validity: Uint8Array | null, row: number, rowCount: number): HeapRun {
  const start = pointerAt(words, row);
  let end = start + words[row * 4]!;
  for (let next = row + 1; next < rowCount; next += 1) {
    const length = words[next * 4]!;
    if (!isValid(validity, next) || length <= INLINE_MAX_BYTES) continue;
    const pointer = pointerAt(words, next);
    if (pointer === end) end += length;
    else if (pointer < start || pointer + length > end) break;
  }
  const data = duckdb.get_data_from_pointer(bytes.buffer as ArrayBuffer, bytes.byteOffset + row * STRING_STRUCT_BYTES + 8, end - start);
  return { start, end, data, ascii: asciiText(data) };
}

/** The bytes as text when every one is ASCII (then byte offsets are string offsets), else null. */
function asciiText(data: Uint8Array): string | null {
  for (let i = 0; i < data.length; i += 1) if (data[i]! >= 0x80) return null;
  return Buffer.from(data.buffer, data.byteOffset, data.length).toString('latin1');
}

function inlineString(bytes: Uint8Array, words: Uint32Array, row: number, short: Map<number, string>): string {
  const at = row * 4;
  const length = words[at]!;
  const start = row * STRING_STRUCT_BYTES + 4;
  if (length > INTERN_MAX_BYTES) return decodeInline(bytes, start, length);
  // The key holds the length and every byte the string can have, so two keys are equal only for
  // equal strings (bytes past the length, zero in DuckDB's own strings, could only make a miss).
  const key = length * 2 ** 48 + (words[at + 2]! & 0xffff) * TWO_32 + words[at + 1]!;
  let text = short.get(key);
  if (text === undefined) short.set(key, (text = decodeInline(bytes, start, length)));
  return text;
}

/** Inline strings (≤ 12 bytes): ASCII by char codes, anything else through the UTF-8 decoder. */
function decodeInline(bytes: Uint8Array, start: number, length: number): string {
  let text = '';
  for (let i = start; i < start + length; i += 1) {
    const byte = bytes[i]!;
    if (byte >= 0x80) return utf8.decode(bytes.subarray(start, start + length));
    text += String.fromCharCode(byte);
  }
  return text;
}
