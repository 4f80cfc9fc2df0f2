/**
 * The copyable TypeScript snippet of an endpoint: one typed fetch function per path (template and
 * aliases), importing the payload type from the `@props-api/types` package.
 */
import type { EndpointFacts } from './endpoint-facts.ts';
import { operationIdOf } from './openapi.ts';
import { TYPES_PACKAGE_NAME } from './types-package.ts';

export function renderFetchSnippet(endpoint: EndpointFacts): string {
  const type = endpoint.typeName;
  const functions = endpoint.paths.map((path) => {
    const args = path.params.map((p) => `${camel(p.name)}: string`).join(', ');
    const url = path.template.replace(/\{([^}]+)\}/g, (_, name: string) => `\${encodeURIComponent(${camel(name)})}`);
    return [
      `export async function ${operationIdOf(path.template)}(${args}): Promise<${type}> {`,
      `  const response = await fetch(\`\${API_BASE}/${url}\`);`,
      '  if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`);',
      `  return (await response.json()) as ${type};`,
      '}',
    ].join('\n');
  });
  return [
    `import type { ${type} } from '${TYPES_PACKAGE_NAME}';`,
    '',
    "// '' fetches from the page's own origin; set your CDN origin otherwise.",
    "const API_BASE = '';",
    '',
    functions.join('\n\n'),
    '',
  ].join('\n');
}

/** `player_lookup` → `playerLookup`. */
function camel(name: string): string {
  return name.replace(/[_-]([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
