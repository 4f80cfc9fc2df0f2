/**
 * Column readers for the DuckDB adapter: one chunk column → the port's values (see ports.ts),
 * read straight from the vector's memory through `@duckdb/node-bindings` (the C API under
 * `@duckdb/node-api`).
 *
 * Why not `DuckDBVector.getItem` (issue 10): the library makes a Uint8Array view and a
 * TextDecoder call per string, a BigInt pair per validity check, a value object (and a BigInt)
 * per DECIMAL, and keeps an item cache per vector. On the player queries that was most of the
 * conversion time and most of the young garbage. Here each fixed-width column is one typed-array
 * view over the vector's data and validity is a bit test on its mask; VARCHAR has its own reader
 * (duckdb-varchar.ts).
 *
 * Result chunks of the C API are flat vectors (the same assumption the library makes when it
 * reads them). Types without a raw reader here (lists, structs, HUGEINT, wide DECIMAL, …) go
 * through the library's converter (`ROW_CONVERTER`).
 */
import '../memory-profile.ts'; // before @duckdb/node-api loads the library
import duckdb from '@duckdb/node-bindings';
import {
  DuckDBDateValue, DuckDBTimestampTZValue, DuckDBTimestampValue, DuckDBTypeId, JsonDuckDBValueConverter, createDuckDBValueConverter, dateFromTimestampTZValue,
  dateFromTimestampValue, doubleFromDecimalValue, numberFromValue, stringFromValue,
  type DuckDBDataChunk, type DuckDBDecimalType, type DuckDBType, type DuckDBValue, type DuckDBValueConverter, type Json,
} from '@duckdb/node-api';
import { isoInstant } from '../time.ts';
import { createVarCharReader } from './duckdb-varchar.ts';
import { isValid, validityOf, type RawColumnReader } from './duckdb-vector-memory.ts';

const bigIntToNumber = (value: DuckDBValue): number => safeNumberFromBigInt(value as bigint);

const isoFromTimestamp = (convert: (v: DuckDBValue) => Date) => (value: DuckDBValue): string => isoInstant(convert(value));

/**
 * The library's JSON converters for lists, structs, strings and booleans, but with numbers as
 * numbers and instants as ISO strings: the fallback, and nested values.
 */
export const ROW_CONVERTER: DuckDBValueConverter<Json> = createDuckDBValueConverter<Json>({
  ...delegateToJsonConverter(),
  [DuckDBTypeId.BIGINT]: bigIntToNumber,
  [DuckDBTypeId.HUGEINT]: bigIntToNumber,
  [DuckDBTypeId.UBIGINT]: bigIntToNumber,
  [DuckDBTypeId.DECIMAL]: doubleFromDecimalValue,
  [DuckDBTypeId.FLOAT]: numberFromValue,
  [DuckDBTypeId.DOUBLE]: numberFromValue,
  [DuckDBTypeId.DATE]: stringFromValue,
  [DuckDBTypeId.TIMESTAMP]: isoFromTimestamp(dateFromTimestampValue),
  [DuckDBTypeId.TIMESTAMP_TZ]: isoFromTimestamp(dateFromTimestampTZValue),
});

function delegateToJsonConverter(): Record<DuckDBTypeId, DuckDBValueConverter<Json>> {
  const table = {} as Record<DuckDBTypeId, DuckDBValueConverter<Json>>;
  for (const id of Object.values(DuckDBTypeId)) {
    if (typeof id === 'number') table[id] = (value, type) => JsonDuckDBValueConverter(value, type, ROW_CONVERTER);
  }
  return table;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

/** BIGINT-like values as numbers, refused outside JavaScript's safe integer range. */
function safeNumberFromBigInt(big: bigint): number {
  if (big > MAX_SAFE || big < MIN_SAFE) throw new RangeError(`integer ${big} is outside JavaScript's safe range`);
  return Number(big);
}

type TypedArrayOf = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => ArrayLike<number | bigint>;

/**
 * The reader for one column type: straight from the vector's memory for scalars, through the
 * library's converter for anything else (lists, structs, HUGEINT, wide DECIMAL…). A VARCHAR of
 * more than `maxStringBytes` throws `OversizedString` (duckdb-varchar.ts) without being read.
 */
export function columnReader(type: DuckDBType, maxStringBytes?: number): (chunk: DuckDBDataChunk, column: number, rowCount: number) => (Json | null)[] {
  const raw = rawColumnReader(type, maxStringBytes);
  if (raw) return (chunk, column, rowCount) => raw(chunk.chunk, column, rowCount);
  return (chunk, column, rowCount) => {
    const vector = chunk.getColumnVector(column);
    const out = new Array<Json | null>(rowCount);
    for (let index = 0; index < rowCount; index += 1) {
      const item = vector.getItem(index);
      out[index] = item === null ? null : ROW_CONVERTER(item, type, ROW_CONVERTER);
    }
    return out;
  };
}

/** The reader reading a column of this type from the vector's memory, or undefined when the library must. */
function rawColumnReader(type: DuckDBType, maxStringBytes?: number): RawColumnReader | undefined {
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
    case DuckDBTypeId.VARCHAR: return createVarCharReader(maxStringBytes);
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

/** Dates and instants repeat a lot within a result: each distinct one is formatted once. */
function memoised<K, V>(format: (key: K) => V): (key: K) => V {
  const seen = new Map<K, V>();
  return (key) => {
    let value = seen.get(key);
    if (value === undefined) seen.set(key, (value = format(key)));
    return value;
  };
}
