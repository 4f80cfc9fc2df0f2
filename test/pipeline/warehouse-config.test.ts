/**
 * Warehouse configuration (issue 7): `--warehouse`, BigQuery settings from flags, environment
 * and `props-api.config.json` with precedence, eager validation naming the source, the factory.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Warehouse } from '../../pipeline/ports.ts';
import {
  DEFAULT_BIGQUERY_OPTIONS, WAREHOUSE_FLAG_OPTIONS, createWarehouseFromConfig, loadConfigFile, parseConfigFile, resolveBigQueryOptions, resolveWarehouseConfig,
} from '../../pipeline/warehouse-config.ts';

describe('resolveWarehouseConfig', () => {
  it.each([
    [{}, {}, { kind: 'duckdb', path: undefined }],
    [{ warehouse: 'duckdb:/data/w.duckdb' }, {}, { kind: 'duckdb', path: '/data/w.duckdb' }],
    [{}, { PROPS_API_WAREHOUSE: 'duckdb:env.duckdb' }, { kind: 'duckdb', path: 'env.duckdb' }],
  ])('%j %j → %j', (flags, env, expected) => {
    expect(resolveWarehouseConfig(flags, env)).toEqual(expected);
  });

  it('resolves bigquery with its settings; flags beat env beat the config file', () => {
    const config = resolveWarehouseConfig(
      { warehouse: 'bigquery', 'bq-location': 'EU' },
      { PROPS_API_BQ_PROJECT: 'env-project', PROPS_API_BQ_LOCATION: 'us-east1', PROPS_API_BQ_TIMEOUT_MS: '60000' },
      { warehouse: 'duckdb', bigquery: { project: 'file-project', location: 'asia-east1', datasetPrefix: 'stg_', jobTimeoutMs: 5000 } },
    );
    expect(config).toEqual({
      kind: 'bigquery',
      bigquery: { ...DEFAULT_BIGQUERY_OPTIONS, project: 'env-project', datasetProject: 'env-project', location: 'EU', datasetPrefix: 'stg_', jobTimeoutMs: 60_000 },
    });
  });

  it('takes the warehouse from the config file when neither flag nor env names one', () => {
    expect(resolveWarehouseConfig({}, {}, { warehouse: 'bigquery', bigquery: { project: 'nba-props-platform' } })).toMatchObject({ kind: 'bigquery' });
  });

  it('rejects an unknown warehouse', () => {
    expect(() => resolveWarehouseConfig({ warehouse: 'postgres:x' }, {})).toThrow('Expected `--warehouse` to be `duckdb:PATH`, `duckdb` or `bigquery`, got `postgres:x` (string)');
  });
});

describe('resolveBigQueryOptions', () => {
  const env = { PROPS_API_BQ_PROJECT: 'nba-props-platform' };

  it('applies the documented defaults', () => {
    expect(resolveBigQueryOptions({}, env)).toEqual({
      project: 'nba-props-platform', datasetProject: 'nba-props-platform', location: 'US', datasetPrefix: '',
      maximumBytesBilled: 10 * 1024 ** 3, jobTimeoutMs: 300_000, maxRetries: 4, retryBaseDelayMs: 1_000, pageSize: 10_000,
    });
  });

  it.each([
    ['10GiB', 10 * 1024 ** 3], ['500 GB', 500e9], ['10485760', 10_485_760], ['1.5TiB', 1.5 * 1024 ** 4], ['20mib', 20 * 1024 ** 2],
  ])('reads maximumBytesBilled %s', (raw, bytes) => {
    expect(resolveBigQueryOptions({}, { ...env, PROPS_API_BQ_MAX_BYTES_BILLED: raw }).maximumBytesBilled).toBe(bytes);
  });

  it('requires a project, saying where it can come from', () => {
    expect(() => resolveBigQueryOptions({}, {})).toThrow(/^Expected `--bq-project` to be a Google Cloud project id \(flag --bq-project, env PROPS_API_BQ_PROJECT/);
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
    const run = () => resolveBigQueryOptions(flags, { ...env, ...extraEnv }, file ? { bigquery: file } : {});
    expect(run).toThrow(message);
    expect(run).toThrow(expect.objectContaining({ code: 'InvalidOption', stage: 'config' }));
  });

  it('every setting has a flag the CLI can parse', () => {
    expect(Object.keys(WAREHOUSE_FLAG_OPTIONS)).toEqual([
      'warehouse', 'bq-project', 'bq-dataset-project', 'bq-location', 'bq-dataset-prefix', 'bq-max-bytes-billed', 'bq-timeout-ms', 'bq-max-retries', 'bq-retry-delay-ms', 'bq-page-size',
    ]);
  });
});

describe('props-api.config.json', () => {
  it('is optional', async () => {
    expect(await loadConfigFile(join(tmpdir(), 'no-such-dir', 'props-api.config.json'))).toBeUndefined();
  });

  it('is read and shape-checked', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'props-api-config-'));
    try {
      const path = join(dir, 'props-api.config.json');
      await writeFile(path, JSON.stringify({ warehouse: 'bigquery', bigquery: { project: 'nba-props-platform', maximumBytesBilled: '50GiB' } }));
      const file = await loadConfigFile(path);
      expect(resolveBigQueryOptions({}, {}, file).maximumBytesBilled).toBe(50 * 1024 ** 3);
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

describe('createWarehouseFromConfig', () => {
  it('opens DuckDB through the given factory, and BigQuery itself', async () => {
    const duck = { dialect: 'duckdb', description: 'duckdb:x' } as Warehouse;
    const paths: (string | undefined)[] = [];
    expect(await createWarehouseFromConfig({ kind: 'duckdb', path: 'x' }, { duckdb: async (path) => (paths.push(path), duck) })).toBe(duck);
    expect(paths).toEqual(['x']);
    const bigquery = resolveBigQueryOptions({}, { PROPS_API_BQ_PROJECT: 'nba-props-platform', PROPS_API_BQ_DATASET_PREFIX: 'stg_' });
    const warehouse = await createWarehouseFromConfig({ kind: 'bigquery', bigquery }, { duckdb: async () => duck, bigquery: { trigger: 'daily' } });
    expect(warehouse).toMatchObject({ dialect: 'bigquery', description: 'bigquery:nba-props-platform (US, datasets nba-props-platform.stg_*)' });
    await warehouse.close();
  });
});
