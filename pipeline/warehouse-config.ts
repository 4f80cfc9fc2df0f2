/**
 * The warehouse for commands: the flags every command that reads the warehouse accepts (turned
 * into options, checked eagerly), and opening the warehouse that resolved options name. Which
 * engine and settings win among flags, environment and `props-api.config.json` is decided by
 * `resolveOptions` (config.ts); docs/bigquery.md is the operator's reference for every setting.
 */
import type { BigQueryWarehouseOptions } from './adapters/bigquery-warehouse.ts';
import type { CommandArgs, CommandOptions } from './commands/command.ts';
import type { Options, OptionsInput } from './config.ts';
import type { Warehouse } from './ports.ts';
import { BIGQUERY_SETTINGS, bigQueryFromSources, completeBigQueryOptions, parseWarehouse, type BigQueryOptions } from './warehouse-settings.ts';

/** Flags a command spreads into its parseArgs `options` to accept the warehouse settings. */
export const WAREHOUSE_FLAG_OPTIONS: CommandOptions = {
  warehouse: { type: 'string' },
  ...Object.fromEntries(Object.values(BIGQUERY_SETTINGS).map((setting) => [setting.flag, { type: 'string' as const }])),
};

/** `--warehouse` and the `--bq-*` flags given → options, each checked and named by its flag in an error. */
export function warehouseOptionsFromFlags(values: CommandArgs['values']): Pick<OptionsInput, 'warehouse' | 'bigquery'> {
  const text = (name: string) => (typeof values[name] === 'string' ? values[name] : undefined);
  const warehouse = text('warehouse');
  return {
    warehouse: warehouse === undefined ? undefined : parseWarehouse(warehouse, '--warehouse'),
    bigquery: bigQueryFromSources([{ value: (setting) => text(setting.flag), label: (setting) => `--${setting.flag}` }]),
  };
}

export interface OpenWarehouseDeps {
  /** Opens a DuckDB file. @default the DuckDB adapter (pipeline/adapters/duckdb-warehouse.ts) */
  duckdb?: (path: string) => Promise<Warehouse>;
  /** Extra BigQuery adapter options: the build trigger for job labels, a logger, test client options. */
  bigquery?: Omit<BigQueryWarehouseOptions, keyof BigQueryOptions>;
}

/** Open the warehouse the options name; each adapter is loaded only when it is the one configured. */
export async function openWarehouse(options: Pick<Options, 'warehouse' | 'bigquery'>, deps: OpenWarehouseDeps = {}): Promise<Warehouse> {
  if (options.warehouse === 'bigquery') {
    const { createBigQueryWarehouse } = await import('./adapters/bigquery-warehouse.ts');
    return createBigQueryWarehouse({ ...completeBigQueryOptions(options.bigquery ?? {}), ...deps.bigquery });
  }
  const path = options.warehouse.slice('duckdb:'.length);
  if (deps.duckdb) return deps.duckdb(path);
  const { createDuckDBWarehouse } = await import('./adapters/duckdb-warehouse.ts');
  return createDuckDBWarehouse({ path });
}
