/** A Warehouse fake that answers every query with canned rows and counts the calls. */
import type { Warehouse, WarehouseRow } from '../../pipeline/ports.ts';
import { renderSql } from '../../pipeline/sql.ts';

export interface FakeWarehouse extends Warehouse {
  calls: { label: string; params: Record<string, unknown>; text: string }[];
}

export function createFakeWarehouse(rowsByLabel: Record<string, WarehouseRow[]>, sample?: Warehouse['sample']): FakeWarehouse {
  const calls: FakeWarehouse['calls'] = [];
  return {
    dialect: 'duckdb',
    description: 'fake',
    ...(sample ? { sample } : {}),
    calls,
    async query(query, options) {
      calls.push({ label: options.label, params: options.params, text: renderSql(query, 'duckdb').text });
      return structuredClone(rowsByLabel[options.label] ?? []);
    },
    async close() {},
  };
}
