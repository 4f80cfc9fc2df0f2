/**
 * Row contracts: the one hand-written type of an exporter, declared as data.
 *
 * `columns: { game_date: 'date', line_value: 'number?' }` gives both the TypeScript row type
 * (`RowOf`) and a JSON Schema checked by ajv on every warehouse row, so a NaN, an Infinity, a
 * NULL in a required column or a wrong type fails the build naming the row and the field.
 */
import type { WarehouseValue } from './ports.ts';

type BaseColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'timestamp' | 'json' | 'string[]' | 'number[]';
export type ColumnType = BaseColumnType | `${BaseColumnType}?`;
export type RowColumns = Readonly<Record<string, ColumnType>>;

type BaseValue<T extends BaseColumnType> = T extends 'string' | 'date' | 'timestamp'
  ? string
  : T extends 'integer' | 'number'
    ? number
    : T extends 'boolean'
      ? boolean
      : T extends 'string[]'
        ? string[]
        : T extends 'number[]'
          ? (number | null)[]
          : WarehouseValue;

type ValueOf<T extends ColumnType> = T extends `${infer B extends BaseColumnType}?` ? BaseValue<B> | null : T extends BaseColumnType ? BaseValue<T> : never;

export type RowOf<Columns extends RowColumns> = { readonly [K in keyof Columns]: ValueOf<Columns[K]> };

const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
const TIMESTAMP_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$';

function baseSchema(type: BaseColumnType): Record<string, unknown> {
  switch (type) {
    case 'string': return { type: 'string' };
    case 'integer': return { type: 'integer' };
    case 'number': return { type: 'number' };
    case 'boolean': return { type: 'boolean' };
    case 'date': return { type: 'string', pattern: DATE_PATTERN };
    case 'timestamp': return { type: 'string', pattern: TIMESTAMP_PATTERN };
    case 'json': return {};
    case 'string[]': return { type: 'array', items: { type: 'string' } };
    case 'number[]': return { type: 'array', items: { type: ['number', 'null'] } };
  }
}

/** JSON Schema for one row of a contract. Extra columns are allowed (queries may select helpers). */
export function rowSchema(columns: RowColumns): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const [name, type] of Object.entries(columns)) {
    const nullable = type.endsWith('?');
    const base = baseSchema((nullable ? type.slice(0, -1) : type) as BaseColumnType);
    properties[name] = nullable ? { anyOf: [base, { type: 'null' }] } : base;
    required.push(name);
  }
  return { type: 'object', properties, required };
}
