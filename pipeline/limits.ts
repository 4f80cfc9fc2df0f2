/**
 * Size limits of a build (issue 18): bytes per file, characters per string value of a warehouse
 * row, files per build. Each is checked before anything is written (a build past one fails as a
 * whole, so no tree is committed) and fails with a permanent code whose message names the flag
 * and whose hint names the flag and the environment variable that change it. The values come from `Options` (config.ts, the
 * only place that reads the environment).
 */
import { PlanError, QueryError, WriteError, invalidOption } from './errors.ts';
import type { WarehouseRow } from './ports.ts';
import type { ManifestFile } from './manifest.ts';

export interface BuildLimits {
  /** Bytes of one serialised file (`v1/...`). @default 10_000_000 (`--max-file-bytes`, env PROPS_API_MAX_FILE_BYTES) */
  maxFileBytes: number;
  /**
   * Characters (UTF-16 code units, JavaScript's string length) of one string value in a warehouse
   * row, nested ones included. @default 65_536 (`--max-string-chars`, env PROPS_API_MAX_STRING_CHARS)
   */
  maxStringChars: number;
  /** Files one build may write: planned, listed by query rows, and aliases. @default 20_000 (`--max-files`, env PROPS_API_MAX_FILES) */
  maxFiles: number;
}

export interface LimitSetting { flag: string; env: string; default: number }

/**
 * Defaults: 10 MB (decimal) per file, about 30× the largest sample file (tonight's all-players
 * board, 0.3 MB) and small enough for a browser to parse at once; 65,536 characters per string
 * (no name or reason comes near it); 20,000 files, about 16× a full sample build (1,232 files)
 * and room for a full season of every dated endpoint.
 */
export const LIMIT_SETTINGS: Readonly<Record<keyof BuildLimits, LimitSetting>> = {
  maxFileBytes: { flag: 'max-file-bytes', env: 'PROPS_API_MAX_FILE_BYTES', default: 10_000_000 },
  maxStringChars: { flag: 'max-string-chars', env: 'PROPS_API_MAX_STRING_CHARS', default: 65_536 },
  maxFiles: { flag: 'max-files', env: 'PROPS_API_MAX_FILES', default: 20_000 },
};

export const DEFAULT_BUILD_LIMITS: BuildLimits = {
  maxFileBytes: LIMIT_SETTINGS.maxFileBytes.default,
  maxStringChars: LIMIT_SETTINGS.maxStringChars.default,
  maxFiles: LIMIT_SETTINGS.maxFiles.default,
};

export const LIMIT_NAMES = Object.keys(LIMIT_SETTINGS) as readonly (keyof BuildLimits)[];

/**
 * Limits as an operator types them (digits only, at least 1) → numbers; unset ones left out.
 * `label` names the flag or variable in the error. The environment is read by config.ts only.
 */
export function limitsFromText(textOf: (setting: LimitSetting) => string | undefined, label: (setting: LimitSetting) => string): Partial<BuildLimits> {
  const limits: Partial<BuildLimits> = {};
  for (const name of LIMIT_NAMES) {
    const text = textOf(LIMIT_SETTINGS[name]);
    if (text === undefined) continue;
    if (!/^[1-9]\d*$/.test(text) || !Number.isSafeInteger(Number(text))) throw invalidOption(label(LIMIT_SETTINGS[name]), 'a whole number ≥ 1', text);
    limits[name] = Number(text);
  }
  return limits;
}

/** The limits given as `--max-*` flags of a command, validated. */
export function limitsFromFlags(flag: (name: string) => string | undefined): Partial<BuildLimits> {
  return limitsFromText((setting) => flag(setting.flag), (setting) => `--${setting.flag}`);
}

const count = (n: number) => n.toLocaleString('en-US');
const raiseWith = (name: keyof BuildLimits) => `--${LIMIT_SETTINGS[name].flag} N (or ${LIMIT_SETTINGS[name].env}=N)`;

/** A serialised file as the size check sees it (a write stage `SerializedFile`). */
export interface SizedFile { readonly bytes: Uint8Array; readonly entry: Pick<ManifestFile, 'exporter' | 'path'> }

/** Fails with `FileTooLarge` when a serialised file is over the limit; called before it is written. */
export function checkFileBytes(file: SizedFile, maxBytes: number): void {
  if (file.bytes.length <= maxBytes) return;
  throw new WriteError('FileTooLarge', `the file would be ${count(file.bytes.length)} bytes, over the limit of ${count(maxBytes)} bytes per file (--${LIMIT_SETTINGS.maxFileBytes.flag})`, {
    exporterId: file.entry.exporter, outputPath: file.entry.path,
    hint: `Look for the rows that make it this big (a long text, a date range or player list too wide for one file); raise the limit only for a file meant to be this size, with ${raiseWith('maxFileBytes')}.`,
  });
}

/** The longest string in a value (nested arrays and objects, keys included), or 0. */
function longestString(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (typeof value !== 'object' || value === null) return 0;
  let longest = 0;
  if (Array.isArray(value)) for (const item of value) longest = Math.max(longest, longestString(item));
  else for (const [key, item] of Object.entries(value)) longest = Math.max(longest, key.length, longestString(item));
  return longest;
}

/**
 * Fails with `StringTooLong` on the first row value holding a string over the limit, naming the
 * row, the field and its length (never the value: it may be megabytes). Runs on the rows as the
 * warehouse returns them, before the row contract, render, validate or serialise see them.
 */
export function checkRowStrings(rows: readonly WarehouseRow[], maxChars: number, exporterId: string): void {
  for (let index = 0; index < rows.length; index += 1) {
    const row = rows[index]!;
    for (const field in row) {
      const value = row[field];
      // Scalars are nearly every value: only strings and nested values cost more than a type test.
      const length = typeof value === 'string' ? value.length : typeof value === 'object' && value !== null ? longestString(value) : 0;
      if (length <= maxChars) continue;
      const preview = typeof value === 'string' ? `, starting ${JSON.stringify(value.slice(0, 24))}…` : '';
      throw stringTooLong({ exporterId, row: index, field, length: `${count(length)} characters${preview}`, maxChars });
    }
  }
}

interface LongString {
  exporterId: string;
  /** Index of the row in the query result (0 = first row). */
  row: number;
  field: string;
  /** The length in characters, and the start of the value when it is a string. */
  length: string;
  maxChars: number;
}

function stringTooLong({ exporterId, row, field, length, maxChars }: LongString): QueryError {
  return new QueryError('StringTooLong', `row ${row} field \`${field}\` holds a string of ${length}, over the limit of ${count(maxChars)} characters per value (--${LIMIT_SETTINGS.maxStringChars.flag})`, {
    exporterId,
    hint: `Fix the source row in the warehouse (or trim the column in the query); raise the limit only for text meant to be this long, with ${raiseWith('maxStringChars')}.`,
  });
}

/**
 * `TooManyFiles` when the paths claimed so far (path → exporter id) are more than the limit,
 * naming the biggest contributors; undefined otherwise.
 */
export function fileCountProblem(claims: ReadonlyMap<string, string>, maxFiles: number): PlanError | undefined {
  if (claims.size <= maxFiles) return undefined;
  const byExporter = new Map<string, number>();
  for (const exporterId of claims.values()) byExporter.set(exporterId, (byExporter.get(exporterId) ?? 0) + 1);
  const biggest = [...byExporter].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5);
  const listed = biggest.map(([id, n]) => `${id} ${count(n)}`).join(', ');
  return new PlanError('TooManyFiles', `the build would write ${count(claims.size)} files, over the limit of ${count(maxFiles)} files per build (--${LIMIT_SETTINGS.maxFiles.flag}; most from ${listed}${byExporter.size > biggest.length ? ', …' : ''})`, {
    hint: `Build a shorter date range (--from/--to), fewer endpoints (--only) or players (--players), in several builds; raise the limit only for a build meant to be this big, with ${raiseWith('maxFiles')}.`,
  });
}
