/**
 * One endpoint's section of the docs page (its own file, `docs/endpoints/<id>.html`, loaded on
 * demand): paths with example links, trigger and schedule, Cache-Control, freshness, the schema
 * `$id` (a link to the published schema), the field table (each row's id is `<endpoint>:<field path>`,
 * the search's jump target), the example, the TypeScript type and the JavaScript and client snippets.
 * Pure: data in, HTML out.
 */
import type { EndpointFacts, EndpointPath } from './endpoint-facts.ts';
import { schemaTreePath } from '../schema-registry.ts';
import { renderClientSnippet, renderJsSnippet } from './fetch-snippet.ts';
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
  const example = (endpoint.schema.schema.examples as unknown[] | undefined)?.[0];
  const schemaDescription = typeof endpoint.schema.schema.description === 'string' ? endpoint.schema.schema.description : '';
  const id = escapeHtml(endpoint.id);
  return `<section class="endpoint" id="${id}" data-family="${escapeHtml(endpoint.family)}">
<h2><a href="#${id}">${id}</a> <span class="type-name">${escapeHtml(endpoint.typeName)}</span></h2>
<p class="summary">${prose(endpoint.description)}</p>
<p>${prose(schemaDescription)}</p>
<table class="facts">
<tr><th>Paths</th><td>${endpoint.paths.map(renderPath).join('')}</td></tr>
<tr><th>Trigger</th><td>${endpoint.triggers.map((t) => `<div><code>${escapeHtml(t.trigger)}</code>: ${escapeHtml(t.schedule)}${t.runs ? ` <span class="muted">(${t.runs.workflows.map(escapeHtml).join(', ')})</span>` : ''}</div>`).join('')}</td></tr>
<tr><th>Freshness</th><td>${escapeHtml(endpoint.freshness.text)}</td></tr>
<tr><th>Schema</th><td><a class="schema-link" href="/${escapeHtml(schemaTreePath(endpoint.schema.id))}"><code>${escapeHtml(endpoint.schema.id)}</code></a></td></tr>
</table>
<h3>Fields</h3>
${renderFieldTable(endpoint.id, fields)}
<details class="example"><summary>Example${example === undefined ? ' (none yet: run <code>props-api generate --examples</code> after <code>npm start</code>)' : ' from the sample build (arrays cut to two items)'}</summary>
${example === undefined ? '' : `<pre><code>${escapeHtml(JSON.stringify(example, null, 2))}</code></pre>`}
</details>
<details class="typescript"><summary>TypeScript type <code>${escapeHtml(endpoint.typeName)}</code></summary>
<pre><code>${escapeHtml(typeText)}</code></pre>
</details>
${renderSnippet('js', 'JavaScript (browser console)', renderJsSnippet(endpoint))}
${renderSnippet('ts', 'TypeScript with the client', renderClientSnippet(endpoint))}
</section>`;
}

function renderSnippet(lang: 'js' | 'ts', title: string, code: string): string {
  return `<div class="snippet" data-lang="${lang}"><div class="snippet-bar"><span>${escapeHtml(title)}</span><button type="button" class="copy">Copy</button></div>
<pre><code>${escapeHtml(code)}</code></pre></div>`;
}

function renderPath(path: EndpointPath): string {
  const cache = path.cache.map((c) => `<div><code>${escapeHtml(c.header)}</code> <span class="muted">${escapeHtml(c.applies ? `${c.applies}, preset ${c.preset}` : `preset ${c.preset}`)}</span></div>`).join('');
  const example = path.example === undefined ? '' : ` <a class="example-link" href="${escapeHtml(path.example)}">${escapeHtml(path.example)}</a>`;
  return `<div class="path"><code>${escapeHtml(path.template)}</code>${path.alias ? ' <span class="badge">alias</span>' : ''}${example}<div class="cache">Cache-Control: ${cache}</div></div>`;
}

/** The fields a table row (and the search index) shows: object items are described by their parent's row. */
export function visibleFields(fields: readonly SchemaField[]): SchemaField[] {
  return fields.filter((f) => !(f.kind === 'items' && f.types.includes('object') && f.types.length <= 2));
}

/** The id of a field's row: `results.daily:results[].line_value`. */
export function fieldAnchor(endpointId: string, fieldPath: string): string {
  return `${endpointId}:${fieldPath}`;
}

function renderFieldTable(endpointId: string, fields: readonly SchemaField[]): string {
  const rows = visibleFields(fields)
    .map((f) => `<tr id="${escapeHtml(fieldAnchor(endpointId, f.path))}"><td data-label="Field"><code>${escapeHtml(f.path)}</code></td><td data-label="Type">${escapeHtml(typeLabel(f))}</td><td data-label="Required">${f.required ? 'yes' : 'no'}</td><td data-label="Nullable">${f.nullable ? 'yes' : 'no'}</td><td data-label="">${prose(f.description)}</td></tr>`);
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
