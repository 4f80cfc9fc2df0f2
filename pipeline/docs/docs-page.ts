/**
 * `generated/docs/index.html`: the one-page docs for frontend developers. Navigation by family,
 * a filter box, one section per registered endpoint (registry order). Deterministic: the same
 * registry and schemas always give the same bytes.
 */
import { API_VERSION } from '../paths.ts';
import { DOCS_CSS, DOCS_SCRIPT } from './docs-assets.ts';
import { escapeHtml, renderSection, type SectionInput } from './docs-section.ts';
import { TYPES_PACKAGE_NAME } from './types-package.ts';

export function renderDocsPage(sections: readonly SectionInput[]): string {
  const families = [...new Set(sections.map((s) => s.endpoint.family))];
  const nav = families.map((family) => {
    const items = sections.filter((s) => s.endpoint.family === family)
      .map(({ endpoint }) => `<li data-endpoint="${escapeHtml(endpoint.id)}"><a href="#${escapeHtml(endpoint.id)}">${escapeHtml(endpoint.id)}</a></li>`);
    return `<div class="family" data-family="${escapeHtml(family)}"><h2>${escapeHtml(family)}</h2><ul>${items.join('')}</ul></div>`;
  });
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
<p>Static JSON files under <code>/${API_VERSION}/</code>. Each section gives the path, when the file is rebuilt and how long it is cached, every field, a real example and its TypeScript type. Types: <code>npm install path/to/generated</code>, then <code>import type { ${escapeHtml(exampleType)} } from '${TYPES_PACKAGE_NAME}'</code>. OpenAPI 3.1: <a href="../openapi.json">openapi.json</a>. Paths under <code>${API_VERSION}/</code> never break without a version bump.</p>
</header>
<nav>
<input id="filter" type="search" placeholder="Filter endpoints…" aria-label="Filter endpoints" autocomplete="off">
<p id="filter-count" class="muted"></p>
${nav.join('\n')}
</nav>
<main>
<p id="no-match" hidden>No endpoint matches the filter.</p>
${sections.map(renderSection).join('\n')}
</main>
<script>${DOCS_SCRIPT}</script>
</body>
</html>
`;
}
