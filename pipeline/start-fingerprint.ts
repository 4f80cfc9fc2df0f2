/**
 * When `props-api start` may serve the build it made last time instead of building again: the
 * fingerprint of what a build's bytes depend on, stored next to the builds in
 * `<out>/start-fingerprint.json` with the id of the build it describes.
 *
 * "Same" means: the warehouse file has the same size and modification time (as `make` judges a
 * file; hashing a warehouse of tens of MB on every start would cost more than it saves), the code
 * that determines the build's files hashes the same (`hashSourceTree`: exporters/, pipeline/,
 * schemas/, package-lock.json), and the resolved build options are equal (environment
 * and config file included). Any difference, a missing record, or a record whose build is no
 * longer the newest one in the out directory means a rebuild.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { newestLocalBuild } from './out-dir.ts';
import { sha256Hex } from './serialize.ts';
import { hashSourceTree, runningSourceHash } from './source-hash.ts';

export const START_FINGERPRINT_FILE = 'start-fingerprint.json';

export interface StartFingerprint {
  /** `size:mtimeMs` of the warehouse file. */
  warehouse: string;
  /** `hashSourceTree` of the code root. */
  code: string;
  /** sha256 of the resolved build options. */
  options: string;
}

export interface StartRecord { buildId: string; fingerprint: StartFingerprint }

export interface FingerprintInputs {
  warehouseFile: string;
  /** The resolved options of the build (JSON-serialisable). */
  options: unknown;
  /** @default CODE_ROOT (source-hash.ts), hashed once per process: `runningSourceHash`, which the build reuses */
  codeRoot?: string;
}

export async function computeStartFingerprint(inputs: FingerprintInputs): Promise<StartFingerprint> {
  const file = await stat(inputs.warehouseFile);
  const code = inputs.codeRoot === undefined ? runningSourceHash() : hashSourceTree(inputs.codeRoot);
  return { warehouse: `${file.size}:${file.mtimeMs}`, code: await code, options: sha256Hex(JSON.stringify(inputs.options)) };
}

/**
 * Why the out directory's last start build cannot be reused for `current`, or undefined when it
 * can (then `buildId` names it).
 */
export async function staleReason(outDir: string, current: StartFingerprint): Promise<{ reason?: string; buildId?: string }> {
  const record = await readStartRecord(outDir);
  if (record === undefined) return { reason: 'no earlier start build' };
  if ((await newestLocalBuild(outDir))?.id !== record.buildId) return { reason: `build ${record.buildId} is no longer the newest in ${outDir}` };
  const changed = (['warehouse', 'code', 'options'] as const).filter((key) => record.fingerprint[key] !== current[key]);
  if (changed.length > 0) return { reason: `${changed.map((key) => CHANGE_NAMES[key]).join(' and ')} changed` };
  return { buildId: record.buildId };
}

const CHANGE_NAMES = { warehouse: 'the warehouse file', code: 'the code or schemas', options: 'the build options' } as const;

async function readStartRecord(outDir: string): Promise<StartRecord | undefined> {
  try {
    const record = JSON.parse(await readFile(path.join(outDir, START_FINGERPRINT_FILE), 'utf8')) as Partial<StartRecord>;
    return typeof record.buildId === 'string' && typeof record.fingerprint === 'object' && record.fingerprint !== null ? (record as StartRecord) : undefined;
  } catch {
    return undefined; // missing or unreadable: rebuild, which rewrites it
  }
}

export async function writeStartRecord(outDir: string, record: StartRecord): Promise<void> {
  await writeFile(path.join(outDir, START_FINGERPRINT_FILE), `${JSON.stringify(record, null, 2)}\n`);
}
