/**
 * The registry's static paths: every path template without placeholders (`players/index.json`)
 * and every alias (`results/latest.json`), each with the endpoint that owns it. Their names are
 * reserved for the slugs of the templates beside them: a value that fills a template to one of
 * these paths (a player whose lookup is `index`) is refused at plan time in every build. Within a
 * full build that is a path collision anyway; an `--only` build would otherwise write a file that
 * another endpoint owns, and its publish would replace that endpoint's file (issue 18).
 */
import type { AnyExporter } from './define-exporter.ts';
import { placeholdersOf, versionedPath } from './paths.ts';

export interface StaticPathOwner {
  readonly exporterId: string;
  /** The path as registered (without the `v1/` prefix). */
  readonly path: string;
  readonly alias: boolean;
}

/** `v1/...` path → its owner. */
export type StaticPaths = ReadonlyMap<string, StaticPathOwner>;

export function staticPathsOf(registry: readonly AnyExporter[]): StaticPaths {
  const owners = new Map<string, StaticPathOwner>();
  const add = (path: string, exporterId: string, alias: boolean) => {
    if (placeholdersOf(path).length === 0 && !owners.has(versionedPath(path))) owners.set(versionedPath(path), { exporterId, path, alias });
  };
  for (const exporter of registry) {
    add(exporter.path, exporter.id, false);
    for (const alias of exporter.aliases ?? []) add(alias.path, exporter.id, true);
  }
  return owners;
}

/** e.g. "the path of `players.index`", "the `results/latest.json` alias of `results.daily`". */
export function describeOwner(owner: StaticPathOwner): string {
  return owner.alias ? `the \`${owner.path}\` alias of \`${owner.exporterId}\`` : `the path of \`${owner.exporterId}\``;
}
