/**
 * The docs page's inline CSS (the script is docs-script.ts). Two columns from 761 px; below, one
 * column whose tables turn into stacked rows and whose long paths wrap, so nothing is wider than
 * the viewport (375 px phones included); code blocks scroll inside themselves.
 */
export const DOCS_CSS = `
:root { color-scheme: light dark; --fg: #1d232b; --muted: #5b6674; --line: #d7dde4; --bg: #fff; --panel: #f4f6f8; --accent: #0b62c4; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e9ed; --muted: #9aa5b1; --line: #38414b; --bg: #14181d; --panel: #1d232b; --accent: #6cb0ff; } }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); display: grid; grid-template-columns: 18rem minmax(0, 1fr); overflow-wrap: break-word; }
header { grid-column: 1 / -1; padding: 1rem 1.5rem; border-bottom: 1px solid var(--line); }
header h1 { margin: 0 0 .25rem; font-size: 1.4rem; }
nav { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow: auto; padding: 1rem; border-right: 1px solid var(--line); }
nav h2 { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin: 1rem 0 .25rem; }
nav ul { list-style: none; margin: 0; padding: 0; }
nav a { color: var(--accent); text-decoration: none; }
#filter { width: 100%; padding: .4rem .5rem; font: inherit; border: 1px solid var(--line); border-radius: 4px; background: var(--bg); color: var(--fg); }
main { padding: 0 1.5rem 3rem; min-width: 0; }
section.endpoint { border-bottom: 1px solid var(--line); padding: 1rem 0 1.5rem; }
section.endpoint h2 a { color: inherit; text-decoration: none; }
.type-name, .muted { color: var(--muted); font-weight: normal; font-size: .9em; }
.summary { font-weight: 600; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .25rem .5rem; border-bottom: 1px solid var(--line); }
table.facts th { width: 8rem; }
table.fields td:first-child { white-space: nowrap; }
td code, p code { overflow-wrap: anywhere; }
code, pre { font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; }
pre { background: var(--panel); padding: .75rem; overflow: auto; border-radius: 4px; margin: .25rem 0; }
.badge { font-size: .75rem; padding: 0 .35rem; border: 1px solid var(--line); border-radius: 3px; }
.example-link { margin-left: .5rem; }
.snippet-bar { display: flex; justify-content: space-between; align-items: center; margin-top: 1rem; font-weight: 600; }
button.copy { font: inherit; font-size: .85rem; padding: .1rem .6rem; cursor: pointer; }
details { margin-top: .75rem; }
summary { cursor: pointer; font-weight: 600; }
#results { list-style: none; margin: .5rem 0; padding: 0; max-height: 50vh; overflow: auto; border-bottom: 1px solid var(--line); }
#results li { padding: .2rem 0; font-size: .9rem; }
#results a { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
nav li.current a { font-weight: 700; }
tr.target, section.target h2 { background: color-mix(in srgb, var(--accent) 18%, transparent); }
table.overview td:first-child { white-space: nowrap; }
@media (max-width: 760px) {
  body { display: block; }
  header, main { padding-left: .75rem; padding-right: .75rem; }
  nav { position: static; max-height: none; border-right: 0; border-bottom: 1px solid var(--line); padding: .75rem; }
  nav ul { display: flex; flex-wrap: wrap; gap: .15rem .9rem; }
  table.fields thead { display: none; }
  table.fields, table.fields tbody, table.fields tr, table.fields td, table.facts, table.facts tbody, table.facts tr, table.facts th, table.facts td { display: block; width: auto; }
  table.fields tr { border-bottom: 1px solid var(--line); padding: .35rem 0; }
  table.fields td { border: 0; padding: 0 .25rem; }
  table.fields td:first-child { white-space: normal; font-weight: 600; }
  table.fields td[data-label]:not([data-label=""])::before { content: attr(data-label) ": "; color: var(--muted); font-size: .85em; }
  table.facts th { border: 0; padding-bottom: 0; }
  table.overview td:first-child { white-space: normal; }
}
`;

