/**
 * What a publish may do to the live release, checked by the (pure) plan before anything is staged:
 *
 * - Never back in time: a live file whose as-of is newer than the build's stays as it is, neither
 *   replaced nor deleted. Going back is `rollback`'s job, which does not plan through these rules.
 * - Never sideways: a path belongs to the endpoint (exporter) whose file is live on it. A build whose
 *   file would replace another endpoint's fails with `PathCollision`, unless the build also built
 *   that endpoint completely: then the owner has given the path up (two endpoints of one build
 *   claiming a path fail the build itself). Aliases record the exporter of the file they copy, so
 *   an endpoint's aliases are its own paths.
 */
import { PlanError } from '../errors.ts';
import type { BuildManifest } from '../manifest.ts';
import { BUILDS_PREFIX, type ReleaseFile } from './release-manifest.ts';

/** The compact as-of a build id starts with (`<YYYYMMDD>T<HHMMSS>Z-<trigger>-<hex>`, see `buildIdFor`). */
const BUILD_ID_AS_OF = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z-/;

/**
 * The as-of of a live file's bytes. Releases written before files recorded `as_of` fall back to
 * the as-of in the id of the build that staged the bytes (`source`). That is a lower bound (a later
 * build may have produced the same bytes again), so it errs toward publishing, as before the rule.
 * The release's own as-of would be an upper bound: every file a later partial build merely carried
 * over would look as new as that build, and a full build just before it could replace nothing.
 * Undefined when neither is known: such a file is never kept.
 */
export function fileAsOf(file: ReleaseFile): string | undefined {
  if (file.as_of !== undefined) return file.as_of;
  if (!file.source.startsWith(BUILDS_PREFIX)) return undefined;
  const match = BUILD_ID_AS_OF.exec(file.source.slice(BUILDS_PREFIX.length));
  return match ? `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z` : undefined;
}

/** Whether the live file is strictly newer than a build as of `buildAsOf` (an equal as-of is not). */
export function isNewerThan(file: ReleaseFile, buildAsOf: string): boolean {
  const live = fileAsOf(file);
  return live !== undefined && Date.parse(live) > Date.parse(buildAsOf);
}

/** Throws `PathCollision` for the first build file that would replace a live file of another endpoint. */
export function checkPathOwnership(live: ReadonlyMap<string, ReleaseFile>, build: BuildManifest): void {
  const rebuilt = new Set(build.endpoints.filter((endpoint) => endpoint.complete).map((endpoint) => endpoint.exporter));
  const ownerOf = (path: string) => live.get(path)?.exporter;
  const collisions = build.files.filter((file) => {
    const owner = ownerOf(file.path);
    return owner !== undefined && owner !== file.exporter && !rebuilt.has(owner);
  });
  const first = collisions[0];
  if (!first) return;
  const owner = ownerOf(first.path)!;
  const others = collisions.length > 1 ? ` (and ${collisions.length - 1} more path(s) like it)` : '';
  throw new PlanError('PathCollision', `\`${first.path}\` is live as a file of \`${owner}\`; build ${build.build.id} would replace it with a file of \`${first.exporter}\`${others}. Nothing was staged`, {
    exporterId: first.exporter,
    outputPath: first.path,
    hint: `A path belongs to the endpoint that published it. Find why \`${first.exporter}\` writes it (a slug equal to a sibling file name such as \`index\` or \`latest\`?) and fix the data; to move the path on purpose, publish a build that also builds \`${owner}\` completely.`,
  });
}
