/**
 * `props-api doctor` as an operator first runs it (issue 21 acceptance): with no credentials at all,
 * `doctor --warehouse bigquery --bucket gs://NAME` ends within 30 s with exit code 1, prints `fail`
 * lines that carry a code and a hint, and no stack trace. One child process: the metadata-server
 * probe of Google auth is pointed at a closed loopback port (GCE_METADATA_HOST) instead of being
 * switched off, so the probe runs and must not hang, and nothing leaves the loopback interface.
 * The flag parsing is checked in-process.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import doctor, { doctorOptions } from '../../../pipeline/commands/doctor.ts';
import { ConfigError } from '../../../pipeline/errors.ts';
import { cliBundle } from '../../helpers/child-bundle.ts';
import { useTally } from '../../helpers/fault-tally.ts';

const tally = useTally('doctor-command');
let home = '';
beforeAll(async () => { home = await mkdtemp(path.join(tmpdir(), 'doctor-home-')); });
afterAll(() => rm(home, { recursive: true, force: true }));

/** The environment of a fresh machine: no Google or props-api settings, an empty home. */
function bareEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(GOOGLE_|GCLOUD_|CLOUDSDK_|GCE_|METADATA_SERVER|PROPS_API_|BALLDONTLIE_|STORAGE_EMULATOR)/.test(name)));
  return { ...env, HOME: home, CLOUDSDK_CONFIG: path.join(home, 'gcloud'), GCE_METADATA_HOST: '127.0.0.1:9', NO_COLOR: '1' };
}

test('without credentials: exit 1 within 30 s, fail lines with code and hint, no stack trace', async () => {
  tally.add('badInputs');
  const cli = await cliBundle();
  const started = performance.now();
  const result = await promisify(execFile)(process.execPath, [cli, 'doctor', '--warehouse', 'bigquery', '--bucket', 'gs://props-api-doctor-test'], { env: bareEnv(), timeout: 30_000 })
    .then(() => ({ code: 0, stdout: '', stderr: '' }), (error: { code: number; stdout: string; stderr: string }) => error);
  expect(performance.now() - started).toBeLessThan(30_000);
  expect(result.code).toBe(1);
  const fails = result.stdout.split('\n').filter((line) => line.startsWith('fail'));
  expect(fails.map((line) => line.split(/\s+/)[1])).toEqual(['credentials', 'warehouse', 'bucket']);
  for (const line of fails) expect(line).toMatch(/^fail +\S+ +\[[A-Z][A-Za-z]+\] .+ \(hint: .+\)$/);
  expect(fails[0]).toContain('[CredentialsNotFound]');
  expect(result.stdout).toMatch(/doctor: 0 ok, 0 warn, 3 fail\n$/);
  expect(`${result.stdout}${result.stderr}`).not.toMatch(/\n\s+at \S+ \(|node:internal|Error: /);
}, 40_000);

test('flags: --feed is checked eagerly, a local --bucket is refused, an unresolved warehouse is kept as a fail', () => {
  tally.add('badInputs', 2);
  expect(() => doctorOptions({ feed: 'smoke' })).toThrow(ConfigError);
  expect(() => doctorOptions({ bucket: 'file:///tmp/x' })).toThrow(/a gs:\/\/ bucket/);
  const options = doctorOptions({ warehouse: 'bigquery', bucket: 'gs://doctor-bkt/api', origin: ['https://a.example'] });
  expect(options.warehouse.kind).toBe('invalid');
  expect(options.bucket).toEqual({ name: 'doctor-bkt', prefix: 'api', origins: ['https://a.example'] });
});

test('--json prints the results as one JSON document and the exit code follows the fails', async () => {
  const out: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => out.push(chunk) > 0) as typeof process.stdout.write;
  let code: number;
  try {
    code = await doctor.run({ values: { warehouse: 'duckdb:package.json', json: true }, positionals: [] });
  } finally {
    process.stdout.write = write;
  }
  expect(code).toBe(0);
  expect(JSON.parse(out.join(''))).toEqual({ ok: true, results: [{ check: 'warehouse', status: 'ok', message: 'DuckDB file package.json' }] });
});
