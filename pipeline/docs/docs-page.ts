/**
 * `generated/docs/`: the docs for frontend developers, split so the first load stays small.
 * - `index.html`: header, search box, navigation by family and an overview of every endpoint, with
 *   the CSS and script inline (docs-assets.ts, docs-script.ts); nothing else loads until used;
 * - `endpoints/<id>.html`: one endpoint's section (docs-section.ts), fetched when the hash names it;
 * - `search-index.json`: fields and endpoints for the search box, fetched when it is first used.
 * Deterministic: the same registry and schemas always give the same bytes.
 */
import { API_VERSION } from '../paths.ts';
import { SCHEMA_ID_BASE, schemaTreePath } from '../schema-registry.ts';
import { DOCS_CSS } from './docs-assets.ts';
import { DOCS_SCRIPT } from './docs-script.ts';
import { renderSearchIndex } from './docs-search-index.ts';
import { escapeHtml, renderSection, type SectionInput } from './docs-section.ts';
import { CLIENT_PACKAGE_NAME } from '../client/package-json.ts';

/** File name under `docs/` of an endpoint's section. */
export function sectionFile(endpointId: string): string {
  return `endpoints/${endpointId}.html`;
}

/** Path under `generated/docs/` → contents. */
export function renderDocsFiles(sections: readonly SectionInput[]): Map<string, string> {
  return new Map([
    ['index.html', renderDocsPage(sections)],
    ['search-index.json', renderSearchIndex(sections)],
    ...sections.map((s): [string, string] => [sectionFile(s.endpoint.id), `${renderSection(s)}\n`]),
  ]);
}

export function renderDocsPage(sections: readonly SectionInput[]): string {
  const families = [...new Set(sections.map((s) => s.endpoint.family))];
  const nav = families.map((family) => {
    const items = sections.filter((s) => s.endpoint.family === family)
      .map(({ endpoint }) => `<li data-endpoint="${escapeHtml(endpoint.id)}"><a href="#${escapeHtml(endpoint.id)}">${escapeHtml(endpoint.id)}</a></li>`);
    return `<div class="family" data-family="${escapeHtml(family)}"><h2>${escapeHtml(family)}</h2><ul>${items.join('')}</ul></div>`;
  });
  const overview = sections.map(({ endpoint }) => `<tr><td><a href="#${escapeHtml(endpoint.id)}">${escapeHtml(endpoint.id)}</a></td><td><code>${escapeHtml(endpoint.typeName)}</code></td><td>${escapeHtml(endpoint.description)}</td></tr>`);
  const exampleType = sections[0]?.endpoint.typeName ?? 'T';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>NBA props API ${API_VERSION}: endpoints</title>
<style>${DOCS_CSS}</style>
</head>
<body>
<header>
<h1>NBA props API ${API_VERSION}</h1>
<p>Static JSON files under <code>/${API_VERSION}/</code>. Each endpoint's page gives the path, when the file is rebuilt and how long it is cached, every field, a real example, its TypeScript type and snippets in JavaScript and TypeScript. Typed client: <code>npm install path/to/generated</code>, then <code>import { createClient, type ${escapeHtml(exampleType)} } from '${CLIENT_PACKAGE_NAME}'</code>. OpenAPI 3.1: <a href="../openapi.json">openapi.json</a>. JSON Schemas: at their <code>$id</code>, <code>/${escapeHtml(schemaTreePath(SCHEMA_ID_BASE))}&lt;family&gt;/&lt;name&gt;.schema.json</code>. Paths under <code>${API_VERSION}/</code> never break without a version bump.</p>
</header>
<nav>
<input id="filter" type="search" placeholder="Search fields and endpoints…" aria-label="Search fields and endpoints" autocomplete="off">
<p id="filter-count" class="muted" aria-live="polite"></p>
<ol id="results" hidden></ol>
${nav.join('\n')}
</nav>
<main>
<div id="overview">
<h2>Endpoints</h2>
<table class="overview"><thead><tr><th>Endpoint</th><th>Type</th><th>What it is</th></tr></thead><tbody>
${overview.join('\n')}
</tbody></table>
</div>
<div id="sections"></div>
</main>
<script>${DOCS_SCRIPT}</script>
</body>
</html>
`;
}
