/**
 * BigQuery's REST wire format, both directions, for the loopback server:
 * - rows out: `{ f: [{ v }] }` with every scalar as a string, TIMESTAMP as int64 microseconds
 *   (the client asks for `formatOptions.useInt64Timestamp=true`) or float seconds, REPEATED
 *   as `[{ v }]`, RECORD as a nested `{ f }`;
 * - parameters in: `queryParameters` (`parameterType` + `parameterValue`) decoded into typed
 *   values such as `{ type: 'ARRAY<DATE>', value: ['2025-03-14'] }`.
 */

export interface FieldSchema {
  name: string;
  /** Legacy names (INTEGER, FLOAT, BOOLEAN, RECORD) as BigQuery returns them, or the standard ones. */
  type: string;
  mode?: 'NULLABLE' | 'REQUIRED' | 'REPEATED';
  fields?: FieldSchema[];
}

export interface TypedParam {
  /** `DATE`, `INT64`, `ARRAY<STRING>`, `STRUCT<a INT64>`, … */
  type: string;
  value: unknown;
}

interface ParameterType { type: string; arrayType?: ParameterType; structTypes?: { name: string; type: ParameterType }[] }
interface ParameterValue { value?: unknown; arrayValues?: ParameterValue[]; structValues?: Record<string, ParameterValue> }
export interface QueryParameter { name?: string; parameterType: ParameterType; parameterValue: ParameterValue }

function typeName(type: ParameterType): string {
  if (type.type === 'ARRAY' && type.arrayType) return `ARRAY<${typeName(type.arrayType)}>`;
  if (type.type === 'STRUCT') return `STRUCT<${(type.structTypes ?? []).map((f) => `${f.name} ${typeName(f.type)}`).join(', ')}>`;
  return type.type;
}

function decodeValue(type: ParameterType, value: ParameterValue | undefined): unknown {
  if (value === undefined) return null;
  if (type.type === 'ARRAY') return (value.arrayValues ?? []).map((item) => decodeValue(type.arrayType!, item));
  if (type.type === 'STRUCT') {
    return Object.fromEntries((type.structTypes ?? []).map((f) => [f.name, decodeValue(f.type, value.structValues?.[f.name])]));
  }
  return value.value ?? null;
}

/** Named parameters as the handler sees them. Positional parameters are keyed `$1`, `$2`, …. */
export function decodeParameters(parameters: QueryParameter[] | undefined): Record<string, TypedParam> {
  const out: Record<string, TypedParam> = {};
  (parameters ?? []).forEach((p, i) => {
    out[p.name ?? `$${i + 1}`] = { type: typeName(p.parameterType), value: decodeValue(p.parameterType, p.parameterValue) };
  });
  return out;
}

export interface EncodeOptions {
  useInt64Timestamp: boolean;
}

/** Microseconds since the epoch of an ISO timestamp, keeping sub-millisecond digits. */
function epochMicros(iso: string): bigint {
  const match = /^(.*T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  if (!match) throw new TypeError(`loopback BigQuery: expected an ISO timestamp, got ${iso}`);
  const wholeSeconds = Date.parse(`${match[1]}${match[3]}`);
  if (Number.isNaN(wholeSeconds)) throw new TypeError(`loopback BigQuery: bad timestamp ${iso}`);
  return BigInt(wholeSeconds) * 1000n + BigInt((match[2] ?? '').padEnd(6, '0'));
}

function encodeScalar(field: FieldSchema, value: unknown, options: EncodeOptions): unknown {
  if (value === null || value === undefined) return null;
  switch (field.type) {
    case 'RECORD':
    case 'STRUCT':
      return encodeRow(field.fields ?? [], value as Record<string, unknown>, options);
    case 'TIMESTAMP': {
      const micros = epochMicros(value instanceof Date ? value.toISOString() : String(value));
      return options.useInt64Timestamp ? String(micros) : String(Number(micros) / 1e6);
    }
    case 'JSON':
      return typeof value === 'string' ? value : JSON.stringify(value);
    case 'BYTES':
      return Buffer.isBuffer(value) ? value.toString('base64') : String(value);
    default:
      return String(value);
  }
}

/** One row, given as an object keyed by field name, in REST form. */
export function encodeRow(schema: FieldSchema[], row: Record<string, unknown>, options: EncodeOptions): { f: { v: unknown }[] } {
  return {
    f: schema.map((field) => {
      const value = row[field.name];
      if (field.mode === 'REPEATED') return { v: ((value as unknown[] | null) ?? []).map((item) => ({ v: encodeScalar(field, item, options) })) };
      return { v: encodeScalar(field, value, options) };
    }),
  };
}
