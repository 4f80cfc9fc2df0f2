/**
 * `checkSchemaContract`: the released schemas against the current ones, one line per finding,
 * and the verdict. Breaking changes are allowed only when the API version (`API_VERSION` in
 * `pipeline/paths.ts`, the `v1/` path prefix) differs from the released one: a new version is a new
 * set of paths, so no consumer of the old paths meets the change.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { API_VERSION } from '../paths.ts';
import { SCHEMAS_DIR } from '../schema-registry.ts';
import { SchemaDiffError } from '../errors.ts';
import { diffPaths, OPENAPI_FILE, openApiPaths } from './diff-paths.ts';
import { diffSchemaDirs } from './diff-schemas.ts';
import { openReleasedSchemas } from './released-schemas.ts';
import type { SchemaFinding } from './rules.ts';

export interface CheckContractOptions {
  /** A directory of released schemas, or a git ref. */
  against: string;
  /** Git work tree holding the ref (the project root). */
  repoDir: string;
  /** Current schemas. @default schemas/ */
  schemasDir?: string;
  /** Current API version. @default API_VERSION */
  apiVersion?: string;
  /** Current OpenAPI document (its paths are compared when the release has one). @default generated/openapi.json of repoDir */
  openApiFile?: string;
  print: (line: string) => void;
}

export interface ContractCheck {
  findings: SchemaFinding[];
  releasedVersion: string | undefined;
  /** True when the findings hold a breaking change and the version was bumped. */
  bumped: boolean;
}

/** Prints the findings; throws `BreakingSchemaChange` for a breaking change without a version bump. */
export async function checkSchemaContract(options: CheckContractOptions): Promise<ContractCheck> {
  const released = await openReleasedSchemas(options.against, options.repoDir);
  const current = options.apiVersion ?? API_VERSION;
  try {
    const currentPaths = openApiPaths(await readFile(options.openApiFile ?? path.join(options.repoDir, OPENAPI_FILE), 'utf8').catch(() => undefined));
    const findings = [
      ...await diffSchemaDirs(released.schemasDir, options.schemasDir ?? SCHEMAS_DIR),
      ...(released.paths && currentPaths ? diffPaths(released.paths, currentPaths) : []),
    ];
    const breaking = findings.filter((f) => f.breaking);
    const bumped = released.apiVersion !== undefined && released.apiVersion !== current;
    options.print(`schema diff against ${released.label} (API version: released ${released.apiVersion ?? 'unknown'}, current ${current})`);
    if (!released.paths || !currentPaths) options.print(`note: paths not compared (no ${OPENAPI_FILE} in the ${released.paths ? 'current' : 'released'} tree)`);
    for (const f of findings) options.print(formatFinding(f));
    options.print(`${findings.length} change(s): ${breaking.length} breaking, ${findings.length - breaking.length} not breaking`);
    if (breaking.length > 0 && !bumped) {
      throw new SchemaDiffError('BreakingSchemaChange', `${breaking.length} breaking schema change(s) against ${released.label}, and API_VERSION is still ${current}`, {
        hint: 'Keep the released contract (add an optional field instead of changing one), or bump API_VERSION in pipeline/paths.ts and record the change in CHANGELOG.md.',
      });
    }
    if (breaking.length > 0) options.print(`API version bumped ${released.apiVersion} → ${current}: breaking changes are allowed`);
    return { findings, releasedVersion: released.apiVersion, bumped };
  } finally {
    await released.dispose();
  }
}

/** `BREAKING results/daily.schema.json#/$defs/summary/properties/win_rate summary.win_rate [became-nullable] not nullable → nullable` */
export function formatFinding(f: SchemaFinding): string {
  const field = f.field === undefined ? '' : ` ${f.field}`;
  const where = f.location.startsWith(`${f.file}#`) ? f.location : `${f.file} (${f.location})`;
  return `${f.breaking ? 'BREAKING' : 'ok      '} ${where}${field} [${f.rule}] ${f.detail}`;
}
