/**
 * generated/docs/ on a small registry: a page with a nav entry per endpoint by family and an
 * overview, a section file per endpoint loaded on demand (issue 22) with the facts of the endpoint,
 * a field table with dotted paths and one anchor per row, example links filled from the schema
 * example, the generated TypeScript type, JavaScript and client snippets; the search index; escaped text.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { documentedFreshness } from '../../../exporters/index.ts';
import { renderDocsArtifacts } from '../../../pipeline/docs/generate-docs.ts';
import { demoExporters, writeDemoSchemas, writeDemoWorkflows } from './docs-fixture.ts';

let files: Map<string, string>;
let html: string;
let board: string;

const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** The cells of the field-table row whose first cell is `<code>path</code>`, tags stripped, quotes unescaped. */
function fieldRow(section: string, path: string): string[] | undefined {
  const row = section.split(/<tr[^>]*>/).find((r) => r.startsWith(`<td data-label="Field"><code>${path}</code></td>`));
  return row?.split('</td>').slice(0, 5).map((cell) => cell.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').trim());
}

beforeAll(async () => {
  files = await renderDocsArtifacts({ exporters: demoExporters, freshnessOf: documentedFreshness, schemasDir: await writeDemoSchemas(), workflowsDir: await writeDemoWorkflows() });
  html = files.get('docs/index.html')!;
  board = files.get('docs/endpoints/demo.board.html')!;
});

describe('docs page', () => {
  test('the page holds navigation by family and an overview; each endpoint has a section file of its own', () => {
    expect([...files.keys()].filter((f) => f.startsWith('docs/')).sort()).toEqual(['docs/endpoints/demo.board.html', 'docs/endpoints/demo.player.html', 'docs/index.html', 'docs/search-index.json']);
    expect(html).not.toContain('<section');
    expect([...html.matchAll(/<li data-endpoint="([^"]+)"><a href="#([^"]+)">/g)].map((m) => [m[1], m[2]])).toEqual([['demo.board', 'demo.board'], ['demo.player', 'demo.player']]);
    expect([...html.matchAll(/<div class="family" data-family="([^"]+)"/g)].map((m) => m[1])).toEqual(['demo']);
    expect(html).toContain('<input id="filter" type="search"');
    expect(html).toContain('<tr><td><a href="#demo.board">demo.board</a></td><td><code>DemoBoard</code></td>');
    expect(html).not.toMatch(/<script src|<link rel="stylesheet"|https?:\/\/(?!json-schema|nbaprops)/);
    expect([...files.get('docs/endpoints/demo.player.html')!.matchAll(/<section class="endpoint" id="([^"]+)"/g)].map((m) => m[1])).toEqual(['demo.player']);
  });

  test('the search index lists every endpoint and every field row with its description, descriptions stored once', () => {
    const index = JSON.parse(files.get('docs/search-index.json')!) as { endpoints: [string, string, string][]; descriptions: string[]; fields: [number, string, number][] };
    expect(index.endpoints.map(([id, type]) => [id, type])).toEqual([['demo.board', 'DemoBoard'], ['demo.player', 'DemoPlayer']]);
    expect(index.endpoints[0]![2]).toContain('v1/demo/{date}.json');
    const fields = index.fields.map(([e, path, d]) => [index.endpoints[e]![0], path, index.descriptions[d]]);
    expect(fields).toEqual([
      ['demo.board', 'game_date', 'The slate date.'], ['demo.board', 'rows', 'One row per player.'],
      ['demo.board', 'rows[].player_lookup', 'Player key.'], ['demo.board', 'rows[].side', 'The call.'],
      ['demo.board', 'best', 'The best row, null without rows.'], ['demo.board', 'best.player_lookup', 'Player key.'], ['demo.board', 'best.side', 'The call.'],
      ['demo.board', 'note', 'An optional note.'], ['demo.player', 'player_lookup', 'Player key.'],
    ]);
    expect(index.descriptions.filter((d) => d === 'Player key.')).toHaveLength(1);
  });

  test('paths with example links filled from the schema example, Cache-Control, trigger and freshness', () => {
    expect([...(board + files.get('docs/endpoints/demo.player.html')!).matchAll(/class="example-link" href="([^"]+)"/g)].map((m) => m[1])).toEqual(['/v1/demo/2025-03-14.json', '/v1/demo/latest.json', '/v1/demo/players/jdoe.json']);
    expect(board).toContain('<code>public, max-age=300</code> <span class="muted">today&#39;s file, preset tonight</span>');
    expect(board).toContain('<code>public, max-age=86400, stale-while-revalidate=3600</code> <span class="muted">past dates, preset daily</span>');
    expect(board).toContain('<code>daily</code>: every day at 05:07 ET <span class="muted">(build-daily.yml)</span>');
    expect(board).toContain('<code>hourly</code>: every hour at :07 from 06:07 to 22:07 ET <span class="muted">(build-hourly.yml)</span>');
    expect(board).toContain('stale after 2 h, error after 4 h (hourly cadence; between 02:00 and 06:00 ET measured as of the 02:00 run)');
  });

  test('the field table flattens nested objects with dotted paths; each row is an anchor', () => {
    expect(board).toContain('<tr id="demo.board:rows[].side"><td data-label="Field"><code>rows[].side</code></td>');
    expect(fieldRow(board, 'game_date')).toEqual(['game_date', 'string (date)', 'yes', 'no', 'The slate date.']);
    expect(fieldRow(board, 'rows[].side')).toEqual(['rows[].side', '"OVER" | "UNDER"', 'yes', 'yes', 'The call.']);
    expect(fieldRow(board, 'best')).toEqual(['best', 'object', 'yes', 'yes', 'The best row, null without rows.']);
    expect(fieldRow(board, 'best.player_lookup')).toEqual(['best.player_lookup', 'string', 'yes', 'no', 'Player key.']);
    expect(fieldRow(board, 'note')).toEqual(['note', 'string', 'no', 'no', 'An optional note.']);
    expect(fieldRow(board, 'rows[]'), 'object items have no row of their own').toBeUndefined();
  });

  test('the example, the generated type, the schema link, and snippets in JavaScript and with the client', () => {
    expect(board).toContain('&quot;game_date&quot;: &quot;2025-03-14&quot;');
    expect(board).toContain('export interface DemoBoard {');
    expect(board).toContain('<a class="schema-link" href="/v1/schemas/demo/board.schema.json"><code>https://nbaprops.com/v1/schemas/demo/board.schema.json</code></a>');
    const snippet = (section: string, lang: string) => unescape(new RegExp(`<div class="snippet" data-lang="${lang}">.*?<pre><code>(.*?)</code></pre>`, 's').exec(section)![1]!);
    expect(snippet(board, 'js')).toBe([
      '// Paste into the browser console of this page (served with the API); elsewhere, put the API origin before the path.',
      "fetch('/v1/demo/2025-03-14.json')",
      '  .then((response) => {',
      "    if (!response.ok) throw new Error(response.url + ': HTTP ' + response.status);",
      '    return response.json();',
      '  })',
      '  .then((data) => {',
      '    console.log(data);',
      '    return data;',
      '  });',
      '',
    ].join('\n'));
    expect(snippet(board, 'ts')).toBe([
      "import { createClient, type DemoBoard } from '@props-api/client';",
      '',
      "// The API origin: the preview's here, your CDN's in production.",
      "const api = createClient({ baseUrl: 'http://127.0.0.1:4173' });",
      '',
      "const data: DemoBoard = await api.get('demo/{date}.json', { date: '2025-03-14' });",
      "const latest: DemoBoard = await api.get('demo/latest.json');",
      '',
    ].join('\n'));
    expect(snippet(files.get('docs/endpoints/demo.player.html')!, 'ts')).toContain("const data: DemoPlayer = await api.get('demo/players/{player_lookup}.json', { player_lookup: 'jdoe' });");
  });

  test('schema text is escaped', () => {
    expect(board).toContain('A &lt;demo&gt; board.');
    expect(board).not.toContain('<demo>');
  });

  test('rendering twice gives the same bytes', async () => {
    const again = await renderDocsArtifacts({ exporters: demoExporters, freshnessOf: documentedFreshness, schemasDir: await writeDemoSchemas(), workflowsDir: await writeDemoWorkflows() });
    expect(again).toEqual(files);
  });
});
