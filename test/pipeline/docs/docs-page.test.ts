/**
 * generated/docs/index.html on a small registry: a section per endpoint and a nav entry per family,
 * the facts of each endpoint, a field table with dotted paths, example links filled from the schema
 * example, the generated TypeScript type, a fetch snippet, and escaped text.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { documentedFreshness } from '../../../exporters/index.ts';
import { renderDocsArtifacts } from '../../../pipeline/docs/generate-docs.ts';
import { demoExporters, writeDemoSchemas, writeDemoWorkflows } from './docs-fixture.ts';

let html: string;
let board: string;

/** The cells of the field-table row whose first cell is `<code>path</code>`, tags stripped, quotes unescaped. */
function fieldRow(section: string, path: string): string[] | undefined {
  const row = section.split('<tr>').find((r) => r.startsWith(`<td><code>${path}</code></td>`));
  return row?.split('</td>').slice(0, 5).map((cell) => cell.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').trim());
}

beforeAll(async () => {
  html = (await renderDocsArtifacts({ exporters: demoExporters, freshnessOf: documentedFreshness, schemasDir: await writeDemoSchemas(), workflowsDir: await writeDemoWorkflows() })).get('docs/index.html')!;
  board = html.slice(html.indexOf('<section class="endpoint" id="demo.board"'), html.indexOf('</section>', html.indexOf('id="demo.board"')));
});

describe('docs page', () => {
  test('one section per endpoint and navigation by family', () => {
    expect([...html.matchAll(/<section class="endpoint" id="([^"]+)"/g)].map((m) => m[1])).toEqual(['demo.board', 'demo.player']);
    expect([...html.matchAll(/<div class="family" data-family="([^"]+)"/g)].map((m) => m[1])).toEqual(['demo']);
    expect(html).toContain('<input id="filter" type="search"');
    expect(html).not.toMatch(/<script src|<link rel="stylesheet"|https?:\/\/(?!json-schema|nbaprops)/);
  });

  test('paths with example links filled from the schema example, Cache-Control, trigger and freshness', () => {
    expect([...html.matchAll(/class="example-link" href="([^"]+)"/g)].map((m) => m[1])).toEqual(['/v1/demo/2025-03-14.json', '/v1/demo/latest.json', '/v1/demo/players/jdoe.json']);
    expect(board).toContain('<code>public, max-age=300</code> <span class="muted">today&#39;s file, preset tonight</span>');
    expect(board).toContain('<code>public, max-age=86400, stale-while-revalidate=3600</code> <span class="muted">past dates, preset daily</span>');
    expect(board).toContain('<code>daily</code>: every day at 05:07 ET <span class="muted">(build-daily.yml)</span>');
    expect(board).toContain('<code>hourly</code>: every hour at :07 from 06:07 to 22:07 ET <span class="muted">(build-hourly.yml)</span>');
    expect(board).toContain('stale after 2 h, error after 4 h (hourly cadence; between 02:00 and 06:00 ET measured as of the 02:00 run)');
  });

  test('the field table flattens nested objects with dotted paths', () => {
    expect(fieldRow(board, 'game_date')).toEqual(['game_date', 'string (date)', 'yes', 'no', 'The slate date.']);
    expect(fieldRow(board, 'rows[].side')).toEqual(['rows[].side', '"OVER" | "UNDER"', 'yes', 'yes', 'The call.']);
    expect(fieldRow(board, 'best')).toEqual(['best', 'object', 'yes', 'yes', 'The best row, null without rows.']);
    expect(fieldRow(board, 'best.player_lookup')).toEqual(['best.player_lookup', 'string', 'yes', 'no', 'Player key.']);
    expect(fieldRow(board, 'note')).toEqual(['note', 'string', 'no', 'no', 'An optional note.']);
    expect(fieldRow(board, 'rows[]'), 'object items have no row of their own').toBeUndefined();
  });

  test('the example, the generated type and a typed fetch snippet', () => {
    expect(board).toContain('&quot;game_date&quot;: &quot;2025-03-14&quot;');
    expect(board).toContain('export interface DemoBoard {');
    expect(board).toContain("import type { DemoBoard } from &#39;@props-api/client&#39;;");
    expect(board).toContain('export async function getDemoByDate(date: string): Promise&lt;DemoBoard&gt; {');
    expect(board).toContain('const response = await fetch(`${API_BASE}/v1/demo/${encodeURIComponent(date)}.json`);');
    expect(board).toContain('export async function getDemoLatest(): Promise&lt;DemoBoard&gt; {');
    expect(html).toContain('export async function getDemoPlayersByPlayerLookup(playerLookup: string)');
  });

  test('schema text is escaped', () => {
    expect(board).toContain('A &lt;demo&gt; board.');
    expect(board).not.toContain('<demo>');
  });

  test('rendering twice gives the same bytes', async () => {
    const again = (await renderDocsArtifacts({ exporters: demoExporters, freshnessOf: documentedFreshness, schemasDir: await writeDemoSchemas(), workflowsDir: await writeDemoWorkflows() })).get('docs/index.html');
    expect(again).toBe(html);
  });
});
