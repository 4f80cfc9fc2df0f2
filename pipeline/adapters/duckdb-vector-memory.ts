/**
 * What the DuckDB column readers share: the reader signature and the validity mask of a flat
 * vector (a bit per row, in little-endian 64-bit words; no mask when every row is valid).
 */
import duckdb from '@duckdb/node-bindings';
import type { Json } from '@duckdb/node-api';

/** Reads one column of a raw result chunk (`DuckDBDataChunk.chunk`) into the port's values. */
export type RawColumnReader = (chunk: duckdb.DataChunk, column: number, rowCount: number) => (Json | null)[];

/** The validity mask's bytes (bit i of the little-endian 64-bit words = row i), or null when every row is valid. */
export function validityOf(vector: duckdb.Vector, rowCount: number): Uint8Array | null {
  return duckdb.vector_get_validity(vector, Math.ceil(rowCount / 64) * 8) ?? null;
}

export function isValid(validity: Uint8Array | null, row: number): boolean {
  return validity === null || (validity[row >> 3]! & (1 << (row & 7))) !== 0;
}
