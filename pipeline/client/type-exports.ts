/**
 * The package root's type exports: every named type of every generated type file, each name
 * once. A shared definition (a `_shared/` `$defs` entry with a title) is declared in each file
 * that uses it, identically; it is exported from the first. Two different declarations under one
 * name would make the root export ambiguous, so that fails the generation (type-names.ts keeps
 * names unique).
 */

/** An interface up to its closing brace, or a type alias up to its first `;` at a line end. */
const DECLARATION = /^export (?:interface ([\w$]+)[\s\S]*?^}$|type ([\w$]+)[\s\S]*?;$)/gm;

/** `export type { … } from './<file>.js';` per type file (in the given order) that declares a new name. */
export function renderTypeExports(typeFiles: readonly string[], types: ReadonlyMap<string, string>): string {
  const seen = new Map<string, { file: string; text: string }>();
  const lines: string[] = [];
  for (const file of typeFiles) {
    const names: string[] = [];
    for (const [text, name] of declarationsOf(types.get(file) ?? '')) {
      const first = seen.get(name);
      if (first === undefined) {
        seen.set(name, { file, text });
        names.push(name);
      } else if (first.text !== text) {
        throw new Error(`Internal error: ${first.file} and ${file} declare different types named ${name}; give one of the schema definitions a distinct title`);
      }
    }
    if (names.length > 0) lines.push(`export type { ${names.join(', ')} } from './${file.replace(/\.ts$/, '.js')}';`);
  }
  return lines.join('\n');
}

/** [declaration text, name] of each top-level exported interface or type alias. */
export function declarationsOf(source: string): [string, string][] {
  return [...source.matchAll(DECLARATION)].map((m) => [m[0], (m[1] ?? m[2])!]);
}
