/**
 * Row contracts: the one hand-written type of an exporter, declared as data.
 *
 * `columns: { game_date: 'date', line_value: 'number?' }` gives both the TypeScript row type
 * (`RowOf`) and a JSON Schema checked by ajv on every warehouse row, so a NaN, an Infinity, a
 * NULL in a required column or a wrong type fails the build naming the row and the field.
 * `'number>=0'` / `'integer>=0'` (and their `?` forms) also refuse negative values, for columns
 * that can never be below zero whatever the data (minutes played): a negative value is a broken
 * source row, caught here with its row and field rather than averaged into published numbers.
 */
import type { WarehouseValue } from './ports.ts';

type BaseColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'timestamp' | 'json' | 'string[]' | 'number[]';
/** Numbers that may not be negative. */
type NonNegativeColumnType = 'integer>=0' | 'number>=0';
type CoreColumnType = BaseColumnType | NonNegativeColumnType;
export type ColumnType = CoreColumnType | `${CoreColumnType}?`;
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

type CoreValue<T extends CoreColumnType> = T extends NonNegativeColumnType ? number : T extends BaseColumnType ? BaseValue<T> : never;

type ValueOf<T extends ColumnType> = T extends `${infer B extends CoreColumnType}?` ? CoreValue<B> | null : T extends CoreColumnType ? CoreValue<T> : never;

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

/**
 * A nullable column as a `[type, "null"]` union (its pattern or minimum only applies to its own
 * type). Issue 10: as `anyOf: [base, {type: "null"}]`, ajv (allErrors) built and then dropped an
 * error object for the branch that did not match, on every nullable value of every row.
 */
function nullableSchema(base: Record<string, unknown>): Record<string, unknown> {
  if (base.type === undefined) return base; // 'json' accepts null already
  return { ...base, type: [base.type, 'null'] };
}

/** JSON Schema for one row of a contract. Extra columns are allowed (queries may select helpers). */
export function rowSchema(columns: RowColumns): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const [name, type] of Object.entries(columns)) {
    const nullable = type.endsWith('?');
    const core = nullable ? type.slice(0, -1) : type;
    const nonNegative = core.endsWith('>=0');
    const base = baseSchema((nonNegative ? core.slice(0, -'>=0'.length) : core) as BaseColumnType);
    if (nonNegative) base.minimum = 0;
    properties[name] = nullable ? nullableSchema(base) : base;
    required.push(name);
  }
  return { type: 'object', properties, required };
}
