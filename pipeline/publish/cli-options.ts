/**
 * Flag parsing and formatting shared by the publish-side commands (`publish`, `rollback`,
 * `releases`, `bucket-config`). Options are validated eagerly with the house message template.
 */
import type { CommandArgs } from '../commands/command.ts';
import { invalidOption } from '../errors.ts';
import type { ObjectStore } from '../ports.ts';
import { openObjectStore } from './open-store.ts';

/** Flags every bucket command takes. */
export const BUCKET_FLAGS = {
  bucket: { type: 'string' },
  endpoint: { type: 'string' },
  verbose: { type: 'boolean' },
} as const;

export const BUCKET_FLAGS_USAGE = `  --bucket URL         gs://NAME[/PREFIX], or file://DIR for a local bucket directory (required)
  --endpoint URL       GCS API endpoint, e.g. an emulator (the client also honours STORAGE_EMULATOR_HOST)
  --verbose            debug output (also DEBUG=props-api)`;

export function stringFlag(values: CommandArgs['values'], name: string): string | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidOption(`--${name}`, 'a string', value);
  return value;
}

export function requiredFlag(values: CommandArgs['values'], name: string, expected: string): string {
  const value = stringFlag(values, name);
  if (value === undefined || value === '') throw invalidOption(`--${name}`, expected, value ?? '');
  return value;
}

/** `undefined` when absent; otherwise an integer ≥ `min`. */
export function integerFlag(values: CommandArgs['values'], name: string, min: number): number | undefined {
  const value = stringFlag(values, name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) throw invalidOption(`--${name}`, `an integer ≥ ${min}`, value);
  return Number(value);
}

export function storeFromFlags(values: CommandArgs['values']): ObjectStore {
  const endpoint = stringFlag(values, 'endpoint');
  if (endpoint !== undefined && !/^https?:\/\/[^\s/]+/.test(endpoint)) throw invalidOption('--endpoint', 'an http(s) URL', endpoint);
  return openObjectStore(requiredFlag(values, 'bucket', 'gs://NAME[/PREFIX] or file://DIR'), endpoint ? { endpoint } : {});
}

export function secondsSince(startMs: number): string {
  return `${((performance.now() - startMs) / 1000).toFixed(2)} s`;
}
