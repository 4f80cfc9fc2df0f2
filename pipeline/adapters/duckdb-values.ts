/**
 * DuckDB values → the port's row contract (see ports.ts), through `@duckdb/node-api`'s public
 * converter API: the library's JSON converters for strings, booleans, lists and structs, with
 * numbers as numbers (NaN and ±Infinity included) and DATE as `YYYY-MM-DD`, instants as ISO UTC.
 */
import {
  DuckDBTypeId, JsonDuckDBValueConverter, createDuckDBValueConverter, dateFromTimestampTZValue, dateFromTimestampValue,
  numberFromValue, stringFromValue, type DuckDBDecimalValue, type DuckDBValue, type DuckDBValueConverter, type Json,
} from '@duckdb/node-api';
import { isoInstant } from '../time.ts';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

/** BIGINT-like values as numbers, refused outside JavaScript's safe integer range. */
function safeNumberFromBigInt(value: DuckDBValue): number {
  const big = value as bigint;
  if (big > MAX_SAFE || big < MIN_SAFE) throw new RangeError(`integer ${big} is outside JavaScript's safe range`);
  return Number(big);
}

/**
 * DECIMAL as the correctly rounded double of its decimal text. While the scaled value is within
 * 2^53, `scaled / 10^scale` is that double (both operands are exact, so IEEE division rounds once);
 * past it, the decimal text is parsed.
 */
function numberFromDecimal(value: DuckDBValue): number {
  const decimal = value as DuckDBDecimalValue;
  const scaled = decimal.value;
  if (scaled > MAX_SAFE || scaled < MIN_SAFE) return Number(`${scaled}e-${decimal.scale}`);
  return Number(scaled) / 10 ** decimal.scale;
}

const isoFromTimestamp = (convert: (v: DuckDBValue) => Date) => (value: DuckDBValue): string => isoInstant(convert(value));

/** The converter of every result value, nested ones included (NULL → null). */
export const ROW_CONVERTER: DuckDBValueConverter<Json> = createDuckDBValueConverter<Json>({
  ...delegateToJsonConverter(),
  [DuckDBTypeId.BIGINT]: safeNumberFromBigInt,
  [DuckDBTypeId.HUGEINT]: safeNumberFromBigInt,
  [DuckDBTypeId.UBIGINT]: safeNumberFromBigInt,
  [DuckDBTypeId.DECIMAL]: numberFromDecimal,
  [DuckDBTypeId.FLOAT]: numberFromValue,
  [DuckDBTypeId.DOUBLE]: numberFromValue,
  [DuckDBTypeId.DATE]: stringFromValue,
  [DuckDBTypeId.TIMESTAMP]: isoFromTimestamp(dateFromTimestampValue),
  [DuckDBTypeId.TIMESTAMP_TZ]: isoFromTimestamp(dateFromTimestampTZValue),
});

/** The library's JSON converter for every type id, recursing through ours for nested values. */
function delegateToJsonConverter(): Record<DuckDBTypeId, DuckDBValueConverter<Json>> {
  const table = {} as Record<DuckDBTypeId, DuckDBValueConverter<Json>>;
  for (const id of Object.values(DuckDBTypeId)) {
    if (typeof id === 'number') table[id] = (value, type) => JsonDuckDBValueConverter(value, type, ROW_CONVERTER);
  }
  return table;
}
