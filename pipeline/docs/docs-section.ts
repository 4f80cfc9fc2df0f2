/**
 * One endpoint's section of the docs page: paths with example links, trigger and schedule,
 * Cache-Control, freshness, the field table, the example, the TypeScript type and a fetch snippet.
 * Pure: data in, HTML out.
 */
import type { EndpointFacts, EndpointPath } from './endpoint-facts.ts';
import { renderFetchSnippet } from './fetch-snippet.ts';
import type { SchemaField } from './schema-fields.ts';

export interface SectionInput {
  endpoint: EndpointFacts;
  fields: readonly SchemaField[];
  /** Text of the generated `.ts` file of the schema. */
  typeText: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Inline `code` spans in descriptions (`x`) become <code>; everything else is escaped. */
function prose(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

export function renderSection({ endpoint, fields, typeText }: SectionInput): string {
  const search = [endpoint.id, endpoint.family, endpoint.description, endpoint.typeName, ...endpoint.paths.map((p) => p.template)].join(' ').toLowerCase();
  const example = (endpoint.schema.schema.examples as unknown[] | undefined)?.[0];
  const schemaDescription = typeof endpoint.schema.schema.description === 'string' ? endpoint.schema.schema.description : '';
  return `<section class="endpoint" id="${escapeHtml(endpoint.id)}" data-family="${escapeHtml(endpoint.family)}" data-search="${escapeHtml(search)}">
<h2><a href="#${escapeHtml(endpoint.id)}">${escapeHtml(endpoint.id)}</a> <span class="type-name">${escapeHtml(endpoint.typeName)}</span></h2>
<p class="summary">${prose(endpoint.description)}</p>
<p>${prose(schemaDescription)}</p>
<table class="facts">
<tr><th>Paths</th><td>${endpoint.paths.map(renderPath).join('')}</td></tr>
<tr><th>Trigger</th><td>${endpoint.triggers.map((t) => `<div><code>${escapeHtml(t.trigger)}</code>: ${escapeHtml(t.schedule)}${t.runs ? ` <span class="muted">(${t.runs.workflows.map(escapeHtml).join(', ')})</span>` : ''}</div>`).join('')}</td></tr>
<tr><th>Freshness</th><td>${escapeHtml(endpoint.freshness.text)}</td></tr>
<tr><th>Schema</th><td><code>${escapeHtml(endpoint.schema.id)}</code></td></tr>
</table>
<h3>Fields</h3>
${renderFieldTable(fields)}
<details class="example"><summary>Example${example === undefined ? ' (none yet: run <code>props-api generate --examples</code> after <code>npm start</code>)' : ' from the sample build (arrays cut to two items)'}</summary>
${example === undefined ? '' : `<pre><code>${escapeHtml(JSON.stringify(example, null, 2))}</code></pre>`}
</details>
<details class="typescript"><summary>TypeScript type <code>${escapeHtml(endpoint.typeName)}</code></summary>
<pre><code>${escapeHtml(typeText)}</code></pre>
</details>
<div class="snippet"><div class="snippet-bar"><span>Fetch</span><button type="button" class="copy">Copy</button></div>
<pre><code>${escapeHtml(renderFetchSnippet(endpoint))}</code></pre></div>
</section>`;
}

function renderPath(path: EndpointPath): string {
  const cache = path.cache.map((c) => `<div><code>${escapeHtml(c.header)}</code> <span class="muted">${escapeHtml(c.applies ? `${c.applies}, preset ${c.preset}` : `preset ${c.preset}`)}</span></div>`).join('');
  const example = path.example === undefined ? '' : ` <a class="example-link" href="${escapeHtml(path.example)}">${escapeHtml(path.example)}</a>`;
  return `<div class="path"><code>${escapeHtml(path.template)}</code>${path.alias ? ' <span class="badge">alias</span>' : ''}${example}<div class="cache">Cache-Control: ${cache}</div></div>`;
}

function renderFieldTable(fields: readonly SchemaField[]): string {
  const rows = fields
    .filter((f) => !(f.kind === 'items' && f.types.includes('object') && f.types.length <= 2))
    .map((f) => `<tr><td><code>${escapeHtml(f.path)}</code></td><td>${escapeHtml(typeLabel(f))}</td><td>${f.required ? 'yes' : 'no'}</td><td>${f.nullable ? 'yes' : 'no'}</td><td>${prose(f.description)}</td></tr>`);
  return `<table class="fields"><thead><tr><th>Field</th><th>Type</th><th>Required</th><th>Nullable</th><th>Description</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`;
}

/** `string (date)`, `"OVER" | "UNDER"`, `integer`, `object`, `array`; null is its own column. */
export function typeLabel(field: SchemaField): string {
  if (field.values !== undefined) return field.values.map((v) => JSON.stringify(v)).join(' | ');
  const types = field.types.filter((t) => t !== 'null').join(' | ') || 'null';
  return field.format === undefined ? types : `${types} (${field.format})`;
}
