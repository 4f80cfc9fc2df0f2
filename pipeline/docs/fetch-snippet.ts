/**
 * The copyable snippets of an endpoint:
 * - plain JavaScript (no TypeScript syntax, `fetch` + `then`) that runs as pasted into the browser
 *   console of the docs page, which the preview serves beside the API: it fetches the example file
 *   by a root-relative path and resolves to its parsed body;
 * - TypeScript with the typed client of the generated package: one `api.get` per path template and
 *   alias, parameters filled from the example file.
 */
import { DEFAULT_PREVIEW_ORIGIN } from '../preview/preview-options.ts';
import type { EndpointFacts, EndpointPath } from './endpoint-facts.ts';
import { CLIENT_PACKAGE_NAME } from '../client/package-json.ts';

/** The path a snippet fetches: the example file, or the template itself (placeholders to replace). */
function fetchPath(endpoint: EndpointFacts): { url: string; filled: boolean } {
  const withExample = endpoint.paths.find((p) => p.example !== undefined);
  return withExample ? { url: withExample.example!, filled: true } : { url: `/${endpoint.paths[0]!.template}`, filled: false };
}

export function renderJsSnippet(endpoint: EndpointFacts): string {
  const { url, filled } = fetchPath(endpoint);
  return [
    '// Paste into the browser console of this page (served with the API); elsewhere, put the API origin before the path.',
    ...(filled ? [] : ['// Replace each {placeholder} in the path first.']),
    `fetch(${JSON.stringify(url).replace(/^"|"$/g, "'")})`,
    '  .then((response) => {',
    "    if (!response.ok) throw new Error(response.url + ': HTTP ' + response.status);",
    '    return response.json();',
    '  })',
    '  .then((data) => {',
    '    console.log(data);',
    '    return data;',
    '  });',
    '',
  ].join('\n');
}

export function renderClientSnippet(endpoint: EndpointFacts): string {
  const type = endpoint.typeName;
  const names = new Set<string>();
  const calls = endpoint.paths.map((path) => {
    const name = uniqueName(path.alias ? camel(baseName(path.template)) : 'data', names);
    const template = path.template.replace(/^v\d+\//, '');
    const params = path.params.length === 0 ? '' : `, { ${path.params.map((p) => `${p.name}: '${paramValue(path, p.name)}'`).join(', ')} }`;
    return `const ${name}: ${type} = await api.get('${template}'${params});`;
  });
  return [
    `import { createClient, type ${type} } from '${CLIENT_PACKAGE_NAME}';`,
    '',
    `// The API origin: the preview's here, your CDN's in production.`,
    `const api = createClient({ baseUrl: '${DEFAULT_PREVIEW_ORIGIN}' });`,
    '',
    ...calls,
    '',
  ].join('\n');
}

/** A placeholder's value in the path's example file, or its name in capitals when there is no example. */
function paramValue(path: EndpointPath, name: string): string {
  if (path.example !== undefined) {
    const pattern = new RegExp(`^/${path.template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{([^}]+)\\?\}/g, '(?<$1>[^/]+)')}$`);
    const value = pattern.exec(path.example)?.groups?.[name];
    if (value !== undefined) return value;
  }
  return name.toUpperCase();
}

function baseName(template: string): string {
  return template.slice(template.lastIndexOf('/') + 1).replace(/\.json$/, '');
}

function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let i = 2; taken.has(candidate); i += 1) candidate = `${name}${i}`;
  taken.add(candidate);
  return candidate;
}

/** `player_lookup` → `playerLookup`. */
function camel(name: string): string {
  return name.replace(/[_-]([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
