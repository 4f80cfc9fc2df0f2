/**
 * A query handler for the loopback BigQuery server that answers the `INFORMATION_SCHEMA.COLUMNS`
 * and `INFORMATION_SCHEMA.TABLE_OPTIONS` views of a dataset (`project.dataset.INFORMATION_SCHEMA.X`)
 * from a catalogue, restricted to the `@tables` array parameter as `table_name IN UNNEST(@tables)`
 * would. It records each view query, so tests can count them; any other SQL fails the job.
 */
import type { QueryHandler } from './jobs.ts';
import type { FieldSchema } from './wire.ts';

export interface CatalogTable {
  /** Column → BigQuery data_type as INFORMATION_SCHEMA shows it, e.g. `NUMERIC(5, 1)`. */
  columns: Record<string, string>;
  partitionColumn?: string;
  /** TABLE_OPTIONS rows: `partition_expiration_days` (e.g. `90.0`), `require_partition_filter` (`true`). */
  options?: Record<string, string>;
}

/** `project.dataset` → table → description. */
export type Catalog = Record<string, Record<string, CatalogTable>>;

export interface ViewQuery { dataset: string; view: 'COLUMNS' | 'TABLE_OPTIONS'; tables: string[] }

const VIEW = /`([\w-]+\.\w+)\.INFORMATION_SCHEMA\.(COLUMNS|TABLE_OPTIONS)`/;
const STRING = (name: string): FieldSchema => ({ name, type: 'STRING', mode: 'NULLABLE' });

export function informationSchemaHandler(catalog: Catalog, queries: ViewQuery[] = []): QueryHandler {
  return ({ sql, params }) => {
    const match = VIEW.exec(sql);
    if (!match) throw new Error(`loopback BigQuery: no table answers ${sql.slice(0, 80)}`);
    const [, dataset, view] = match as unknown as [string, string, 'COLUMNS' | 'TABLE_OPTIONS'];
    const tables = (params.tables?.value ?? []) as string[];
    queries.push({ dataset, view, tables });
    const entries = Object.entries(catalog[dataset] ?? {}).filter(([name]) => tables.includes(name));
    if (view === 'COLUMNS') {
      return {
        schema: ['table_name', 'column_name', 'data_type', 'is_partitioning_column'].map(STRING),
        rows: entries.flatMap(([table, t]) => Object.entries(t.columns).map(([column, type]) => ({
          table_name: table, column_name: column, data_type: type, is_partitioning_column: column === t.partitionColumn ? 'YES' : 'NO',
        }))),
      };
    }
    const wanted = /option_name IN \(([^)]*)\)/.exec(sql)?.[1] ?? '';
    return {
      schema: ['table_name', 'option_name', 'option_value'].map(STRING),
      rows: entries.flatMap(([table, t]) => Object.entries(t.options ?? {}).filter(([name]) => wanted.includes(`'${name}'`)).map(([name, value]) => ({ table_name: table, option_name: name, option_value: value }))),
    };
  };
}
