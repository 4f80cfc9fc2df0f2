/**
 * `props-api.config.json`: the optional file layer of the configuration, below flags and
 * environment (config.ts resolves the layers). It holds the warehouse settings an operator keeps
 * with a checkout; docs/bigquery.md shows its shape.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from './errors.ts';
import { BIGQUERY_SETTINGS, type BigQueryOptions } from './warehouse-settings.ts';

/** Every key optional; BigQuery keys as in `BigQueryOptions`. */
export interface ConfigFile {
  warehouse?: string;
  bigquery?: Partial<Record<keyof BigQueryOptions, string | number>>;
}

export const CONFIG_FILE_NAME = 'props-api.config.json';

/** Parse and shape-check the config file's text. */
export function parseConfigFile(text: string, path: string = CONFIG_FILE_NAME): ConfigFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new ConfigError('InvalidConfigFile', `\`${path}\` is not valid JSON: ${(cause as Error).message}`, { hint: 'Fix the JSON syntax or delete the file.', cause });
  }
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  const shapeError = (detail: string) => new ConfigError('InvalidConfigFile', `\`${path}\` ${detail}`, { hint: 'See docs/bigquery.md for the expected shape.' });
  if (!isObject(parsed)) throw shapeError('must hold a JSON object');
  if (parsed.warehouse !== undefined && typeof parsed.warehouse !== 'string') throw shapeError('has a `warehouse` that is not a string');
  if (parsed.bigquery !== undefined && !isObject(parsed.bigquery)) throw shapeError('has a `bigquery` that is not an object');
  for (const key of Object.keys(parsed.bigquery ?? {})) {
    if (!(key in BIGQUERY_SETTINGS)) throw shapeError(`has an unknown key \`bigquery.${key}\` (known: ${Object.keys(BIGQUERY_SETTINGS).join(', ')})`);
  }
  return parsed as ConfigFile;
}

/**
 * Read `props-api.config.json` (or `path`) from the working directory; `undefined` when the file
 * does not exist. Synchronous: it is a few hundred bytes read once, while options are resolved.
 */
export function loadConfigFile(path: string = CONFIG_FILE_NAME): ConfigFile | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError('InvalidConfigFile', `\`${path}\` cannot be read: ${(cause as Error).message}`, { cause });
  }
  return parseConfigFile(text, path);
}
