/**
 * Warehouse configuration (issues 7, 19): `--warehouse` and the BigQuery settings resolve in one
 * place, `resolveOptions`, each from the first layer that sets it — flag, environment,
 * `props-api.config.json`, default — with eager validation naming the source; the commands go
 * flags → options → warehouse; the factory opens what the options name.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../pipeline/cli.ts';
import { loadConfigFile, parseConfigFile, type ConfigFile } from '../../pipeline/config-file.ts';
import { resolveOptions, type OptionsInput } from '../../pipeline/config.ts';
import type { Warehouse } from '../../pipeline/ports.ts';
import { WAREHOUSE_FLAG_OPTIONS, openWarehouse, warehouseOptionsFromFlags } from '../../pipeline/warehouse-config.ts';
import { DEFAULT_BIGQUERY_OPTIONS } from '../../pipeline/warehouse-settings.ts';

type Flags = Record<string, string>;
/** The CLI's path: flags → options, then the environment and file layers. */
const resolve = (flags: Flags, env: NodeJS.ProcessEnv, file: ConfigFile = {}) => resolveOptions(warehouseOptionsFromFlags(flags), { env, file });
const SAMPLE = 'duckdb:.cache/sample-warehouse.duckdb';

describe('warehouse: the first layer that names one wins', () => {
  it.each([
    ['the default', {}, {}, {}, SAMPLE],
    ['the config file over the default', {}, {}, { warehouse: 'duckdb:file.duckdb' }, 'duckdb:file.duckdb'],
    ['the environment over the file', {}, { PROPS_API_WAREHOUSE: 'duckdb:env.duckdb' }, { warehouse: 'duckdb:file.duckdb' }, 'duckdb:env.duckdb'],
    ['the flag over the environment', { warehouse: 'duckdb:/data/w.duckdb' }, { PROPS_API_WAREHOUSE: 'duckdb:env.duckdb' }, { warehouse: 'bigquery' }, 'duckdb:/data/w.duckdb'],
    ['`duckdb` alone as the sample warehouse', { warehouse: 'duckdb' }, {}, {}, SAMPLE],
  ])('%s', (_, flags, env, file, expected) => {
    expect(resolve(flags, env, file)).toMatchObject({ warehouse: expected, bigquery: undefined });
  });

  it('takes BigQuery from the config file when neither flag nor environment names a warehouse', () => {
    expect(resolve({}, {}, { warehouse: 'bigquery', bigquery: { project: 'nba-props-platform' } })).toMatchObject({ warehouse: 'bigquery', bigquery: { project: 'nba-props-platform' } });
  });

  it.each([
    [{ warehouse: 'postgres:x' }, {}, {}, 'Expected `--warehouse` to be `duckdb:PATH`, `duckdb` or `bigquery`, got `postgres:x` (string)'],
    [{}, { PROPS_API_WAREHOUSE: 'duckdb:' }, {}, 'Expected `PROPS_API_WAREHOUSE` to be `duckdb:PATH`, `duckdb` or `bigquery`, got `duckdb:` (string)'],
    [{}, {}, { warehouse: 'bq' }, 'Expected `warehouse in props-api.config.json` to be `duckdb:PATH`, `duckdb` or `bigquery`, got `bq` (string)'],
  ])('rejects an unknown warehouse, naming its source: flags %j env %j file %j', (flags, env, file, message) => {
    expect(() => resolve(flags, env, file)).toThrow(message);
  });
});

describe('BigQuery settings', () => {
  const env = { PROPS_API_BQ_PROJECT: 'nba-props-platform' };
  const bigquery = (flags: Flags, extraEnv: NodeJS.ProcessEnv, file?: ConfigFile['bigquery']) =>
    resolve({ warehouse: 'bigquery', ...flags }, { ...env, ...extraEnv }, file ? { bigquery: file } : {}).bigquery!;

  it('applies the documented defaults', () => {
    expect(bigquery({}, {})).toEqual({
      project: 'nba-props-platform', datasetProject: 'nba-props-platform', location: 'US', datasetPrefix: '',
      maximumBytesBilled: 10 * 1024 ** 3, jobTimeoutMs: 300_000, maxRetries: 4, retryBaseDelayMs: 1_000, pageSize: 10_000, queriesInFlight: 50,
    });
  });

  it.each([
    ['the default', {}, {}, undefined, 'US'],
    ['the config file over the default', {}, {}, { location: 'asia-east1' }, 'asia-east1'],
    ['the environment over the file', {}, { PROPS_API_BQ_LOCATION: 'us-east1' }, { location: 'asia-east1' }, 'us-east1'],
    ['an empty variable as unset', {}, { PROPS_API_BQ_LOCATION: '' }, { location: 'asia-east1' }, 'asia-east1'],
    ['the flag over the environment', { 'bq-location': 'EU' }, { PROPS_API_BQ_LOCATION: 'us-east1' }, { location: 'asia-east1' }, 'EU'],
  ])('location: %s', (_, flags, extraEnv, file, expected) => {
    expect(bigquery(flags, extraEnv, file).location).toBe(expected);
  });

  it('takes each setting from its own first layer', () => {
    const options = bigquery({ 'bq-location': 'EU' }, { PROPS_API_BQ_TIMEOUT_MS: '60000' }, { project: 'file-project', datasetPrefix: 'stg_', jobTimeoutMs: 5000 });
    expect(options).toEqual({ ...DEFAULT_BIGQUERY_OPTIONS, project: 'nba-props-platform', datasetProject: 'nba-props-platform', location: 'EU', datasetPrefix: 'stg_', jobTimeoutMs: 60_000 });
  });

  it.each([
    ['10GiB', 10 * 1024 ** 3], ['500 GB', 500e9], ['10485760', 10_485_760], ['1.5TiB', 1.5 * 1024 ** 4], ['20mib', 20 * 1024 ** 2],
  ])('reads maximumBytesBilled %s', (raw, bytes) => {
    expect(bigquery({}, { PROPS_API_BQ_MAX_BYTES_BILLED: raw }).maximumBytesBilled).toBe(bytes);
  });

  it('requires a project, saying where it can come from', () => {
    expect(() => resolve({ warehouse: 'bigquery' }, {})).toThrow(/^Expected `--bq-project` to be a Google Cloud project id \(flag --bq-project, env PROPS_API_BQ_PROJECT/);
    expect(() => resolve({ warehouse: 'bigquery' }, {})).toThrow(/in props-api\.config\.json\), but it is not set$/);
  });

  it.each([
    [{ 'bq-project': 'X' }, {}, undefined, 'Expected `--bq-project` to be a Google Cloud project id such as `nba-props-platform`, got `X` (string)'],
    [{}, { PROPS_API_BQ_MAX_BYTES_BILLED: '1MB' }, undefined, /^Expected `PROPS_API_BQ_MAX_BYTES_BILLED` to be a byte count of at least 10 MiB/],
    [{}, { PROPS_API_BQ_MAX_BYTES_BILLED: 'lots' }, undefined, /got `lots` \(string\)$/],
    [{}, { PROPS_API_BQ_TIMEOUT_MS: '5s' }, undefined, 'Expected `PROPS_API_BQ_TIMEOUT_MS` to be an integer number of milliseconds ≥ 1000, got `5s` (string)'],
    [{ 'bq-location': 'us east' }, {}, undefined, /^Expected `--bq-location` to be a BigQuery location/],
    [{}, {}, { datasetPrefix: 'a-b' }, /^Expected `bigquery.datasetPrefix in props-api.config.json` to be letters, digits and underscores/],
    [{}, {}, { pageSize: 0 }, 'Expected `bigquery.pageSize in props-api.config.json` to be an integer ≥ 1, got `0` (number)'],
  ])('rejects flags %j env %j file %j eagerly', (flags, extraEnv, file, message) => {
    const run = () => bigquery(flags, extraEnv, file);
    expect(run).toThrow(message);
    expect(run).toThrow(expect.objectContaining({ code: 'InvalidOption', stage: 'config' }));
  });

  it('reads only the winning value: a bad one that a higher layer overrides, or BigQuery settings on DuckDB, are no error', () => {
    expect(bigquery({ 'bq-timeout-ms': '60000' }, { PROPS_API_BQ_TIMEOUT_MS: '5s' }).jobTimeoutMs).toBe(60_000);
    expect(resolve({}, { PROPS_API_BQ_TIMEOUT_MS: '5s' }, { bigquery: { pageSize: 0 } }).bigquery).toBeUndefined();
  });

  it('a caller may give settings as options; resolving resolved options gives them back', () => {
    const input: OptionsInput = { warehouse: 'bigquery', bigquery: { project: 'nba-props-platform', pageSize: 500 } };
    const options = resolveOptions(input, { env: {}, file: {} });
    expect(options.bigquery).toEqual({ ...DEFAULT_BIGQUERY_OPTIONS, project: 'nba-props-platform', datasetProject: 'nba-props-platform', pageSize: 500 });
    expect(resolveOptions(options, { env: { PROPS_API_BQ_PAGE_SIZE: '7', PROPS_API_WAREHOUSE: 'duckdb' }, file: {} })).toEqual(options);
    expect(() => resolveOptions({ warehouse: 'bigquery', bigquery: { project: 'nba-props-platform', pageSize: 0 } }, { env: {}, file: {} }))
      .toThrow('Expected `bigquery.pageSize` to be an integer ≥ 1, got `0` (number)');
  });

  it('every setting has a flag the CLI can parse', () => {
    expect(Object.keys(WAREHOUSE_FLAG_OPTIONS)).toEqual([
      'warehouse', 'bq-project', 'bq-dataset-project', 'bq-location', 'bq-dataset-prefix', 'bq-max-bytes-billed', 'bq-timeout-ms', 'bq-max-retries', 'bq-retry-delay-ms', 'bq-page-size', 'bq-queries-in-flight',
    ]);
  });
});

describe('props-api.config.json', () => {
  it('is optional', () => {
    expect(loadConfigFile(join(tmpdir(), 'no-such-dir', 'props-api.config.json'))).toBeUndefined();
  });

  it('is read and shape-checked', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'props-api-config-'));
    try {
      const path = join(dir, 'props-api.config.json');
      await writeFile(path, JSON.stringify({ warehouse: 'bigquery', bigquery: { project: 'nba-props-platform', maximumBytesBilled: '50GiB' } }));
      const file = loadConfigFile(path);
      expect(resolveOptions({}, { env: {}, file }).bigquery?.maximumBytesBilled).toBe(50 * 1024 ** 3);
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it.each([
    ['{ nope', /^`c.json` is not valid JSON/],
    ['[]', '`c.json` must hold a JSON object'],
    ['{"warehouse": 3}', '`c.json` has a `warehouse` that is not a string'],
    ['{"bigquery": {"projct": "x"}}', /^`c.json` has an unknown key `bigquery.projct` \(known: project, datasetProject,/],
  ])('rejects %s', (text, message) => {
    expect(() => parseConfigFile(text, 'c.json')).toThrow(message);
    expect(() => parseConfigFile(text, 'c.json')).toThrow(expect.objectContaining({ code: 'InvalidConfigFile' }));
  });
});

describe('the commands: flags → options → warehouse', () => {
  afterEach(() => { vi.restoreAllMocks(); vi.unstubAllEnvs(); });

  /** `props-api <command>` in a directory holding `config`; the error names the DuckDB file it tried to open. */
  async function openedBy(args: string[], config: ConfigFile): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'props-api-cli-config-'));
    const err: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
    const cwd = process.cwd();
    try {
      await writeFile(join(dir, 'props-api.config.json'), JSON.stringify(config));
      process.chdir(dir);
      expect(await main(args)).toBe(1);
    } finally {
      process.chdir(cwd);
      await rm(dir, { recursive: true });
    }
    return /\[WarehouseNotFound\] The DuckDB warehouse `([^`]+)`/.exec(err.join(''))?.[1] ?? err.join('');
  }

  it.each(['build', 'graded'])('props-api %s opens the warehouse of the flag, else the environment, else the config file', async (command) => {
    const file = { warehouse: 'duckdb:from-file.duckdb' };
    expect(await openedBy([command], file)).toBe('from-file.duckdb');
    vi.stubEnv('PROPS_API_WAREHOUSE', 'duckdb:from-env.duckdb');
    expect(await openedBy([command], file)).toBe('from-env.duckdb');
    expect(await openedBy([command, '--warehouse', 'duckdb:from-flag.duckdb'], file)).toBe('from-flag.duckdb');
  });
});

describe('openWarehouse', () => {
  it('opens DuckDB through the given factory, and BigQuery itself', async () => {
    const duck = { dialect: 'duckdb', description: 'duckdb:x' } as Warehouse;
    const paths: string[] = [];
    expect(await openWarehouse({ warehouse: 'duckdb:x', bigquery: undefined }, { duckdb: async (path) => (paths.push(path), duck) })).toBe(duck);
    expect(paths).toEqual(['x']);
    const options = resolveOptions({ warehouse: 'bigquery' }, { env: { PROPS_API_BQ_PROJECT: 'nba-props-platform', PROPS_API_BQ_DATASET_PREFIX: 'stg_' }, file: {} });
    const warehouse = await openWarehouse(options, { duckdb: async () => duck, bigquery: { trigger: 'daily' } });
    expect(warehouse).toMatchObject({ dialect: 'bigquery', description: 'bigquery:nba-props-platform (US, datasets nba-props-platform.stg_*)' });
    await warehouse.close();
  });
});
