/**
 * Progress of long commands as an operator and a CI log see it (issue 21): the CLI (its bundle,
 * child-bundle.ts) in a pseudo-terminal draws a live line per phase (escape codes, a bar,
 * done/total) and leaves one plain line per finished phase; with stderr piped it prints those
 * phase lines only, without any escape code; stdout carries nothing but machine output, and
 * `--json` output is plain JSON.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cliBundle } from '../../helpers/child-bundle.ts';
import { FAULT_SAMPLE } from '../../helpers/fault-sample.ts';
import { runInPty, type PtyRun } from '../../helpers/pty.ts';
import { sharedSamplePath } from '../../helpers/shared-sample.ts';

/** Three endpoints of six files: more than one step per phase, so a live line is drawn before the end. */
const ONLY = 'results.daily,results.predictions,results.best-bets';
const ESC = '\x1b';
/** A live frame: phase name, a bar of # and ., then done/total. */
const liveFrame = (phase: string) => new RegExp(`${phase} \\[[#.]{24}\\] \\d+/\\d+`);

let dir: string;
let warehouse: string;
let piped: { stdout: string; stderr: string };
let seed: PtyRun;
let build: PtyRun;
let publish: PtyRun;
let publishStdout: string;
let releasesJson: PtyRun;
/** The piped build's id and file count, from its manifest. */
let built: { id: string; files: number };

const buildArgs = (out: string) => ['build', '--only', ONLY, '--warehouse', `duckdb:${warehouse}`, '--out', out];

beforeAll(async () => {
  const cli = await cliBundle();
  dir = await mkdtemp(path.join(os.tmpdir(), 'progress-terminal-'));
  warehouse = await sharedSamplePath('fault', FAULT_SAMPLE);
  const node = process.execPath;
  const bucket = `file://${path.join(dir, 'bucket')}`;
  const seedInPty = runInPty(node, [cli, 'seed', '--db', path.join(dir, 'seeded.duckdb'), '--as-of', '2024-10-23', '--players-per-team', '8'], { cwd: dir });
  const buildInPty = runInPty(node, [cli, ...buildArgs(path.join(dir, 'out-tty'))], { cwd: dir });
  piped = await promisify(execFile)(node, [cli, ...buildArgs(path.join(dir, 'out'))], { cwd: dir });
  // The shell sends stdout to a file and leaves stderr on the terminal.
  const stdoutFile = path.join(dir, 'publish-stdout.txt');
  publish = await runInPty('/bin/sh', ['-c', `"$0" "$1" publish --bucket "$2" --out "$3" > "$4"`, node, cli, bucket, path.join(dir, 'out'), stdoutFile], { cwd: dir });
  publishStdout = await readFile(stdoutFile, 'utf8');
  const outDir = path.join(dir, 'out');
  const [id] = (await readdir(outDir)).filter((name) => !name.startsWith('.'));
  const manifest = JSON.parse(await readFile(path.join(outDir, id!, 'manifest.json'), 'utf8')) as { build: { file_count: number } };
  built = { id: id!, files: manifest.build.file_count };
  releasesJson = await runInPty(node, [cli, 'releases', '--bucket', bucket, '--json'], { cwd: dir });
  [seed, build] = await Promise.all([seedInPty, buildInPty]);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('on a terminal', () => {
  test('seed draws each phase live, then leaves its line', () => {
    expect(seed.exitCode, seed.output).toBe(0);
    expect(seed.output).toMatch(liveFrame('seed season 2024-25'));
    expect(seed.output).toContain(ESC);
    expect(seed.output).toMatch(/seed season 2024-25: 166\/166, \d+\.\d s\r\n/);
    expect(seed.output).toMatch(/seed grading aggregates: 1\/1, \d+\.\d s\r\n/);
    expect(seed.output).toMatch(/seeded .*seeded\.duckdb: [\d,]+ rows in 18 tables/);
  });

  test('build draws the endpoints done with the bytes written', () => {
    expect(build.exitCode, build.output).toBe(0);
    expect(build.output).toMatch(/build endpoints \[[#.]{24}\] 1\/3, [\d.]+ k?B · \d+\.\d s/);
    expect(build.output).toMatch(/build endpoints: 3\/3, [\d.]+ kB, \d+\.\d s\r\n/);
  });

  test('publish draws the uploads (bytes) and copies on stderr; stdout stays empty', () => {
    expect(publish.exitCode, publish.output).toBe(0);
    expect(publish.output).toMatch(liveFrame('stage uploads'));
    // A first publish uploads and copies every file of the build.
    const n = built.files;
    expect(publish.output).toMatch(new RegExp(`stage uploads: ${n}/${n}, [\\d.]+ kB, \\d+\\.\\d s\r\n`));
    expect(publish.output).toMatch(new RegExp(`commit copies: ${n}/${n}, \\d+\\.\\d s\r\n`));
    expect(publish.output).toContain(`published build ${built.id} to file://`);
    expect(publishStdout).toBe('');
  });

  test('--json output is the JSON alone: no progress, no escape code', () => {
    expect(releasesJson.exitCode, releasesJson.output).toBe(0);
    expect(releasesJson.output).not.toContain(ESC);
    const listing = JSON.parse(releasesJson.output.replaceAll('\r\n', '\n')) as { pending: unknown; releases: { build_id: string }[] };
    expect(listing.pending).toBeNull();
    expect(listing.releases.map((release) => release.build_id)).toEqual([built.id]);
  });
});

describe('in a CI log (stderr piped)', () => {
  test('one plain line per phase, no escape code, nothing on stdout', () => {
    expect(piped.stderr).not.toContain(ESC);
    expect(piped.stderr.split('\n').filter((line) => line.startsWith('build endpoints'))).toEqual([expect.stringMatching(/^build endpoints: 3\/3, [\d.]+ kB, \d+\.\d s$/)]);
    expect(piped.stdout).toBe('');
  });
});
