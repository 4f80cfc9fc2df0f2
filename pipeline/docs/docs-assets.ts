/**
 * The docs page's inline CSS and JavaScript (no framework, no external requests).
 * The script: the filter box hides endpoint sections (and their nav entries) whose id, family,
 * type, paths or description do not contain every word typed; Copy buttons copy their snippet.
 */
export const DOCS_CSS = `
:root { color-scheme: light dark; --fg: #1d232b; --muted: #5b6674; --line: #d7dde4; --bg: #fff; --panel: #f4f6f8; --accent: #0b62c4; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e9ed; --muted: #9aa5b1; --line: #38414b; --bg: #14181d; --panel: #1d232b; --accent: #6cb0ff; } }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); display: grid; grid-template-columns: 16rem 1fr; }
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
code, pre { font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; }
pre { background: var(--panel); padding: .75rem; overflow: auto; border-radius: 4px; margin: .25rem 0; }
.badge { font-size: .75rem; padding: 0 .35rem; border: 1px solid var(--line); border-radius: 3px; }
.example-link { margin-left: .5rem; }
.snippet-bar { display: flex; justify-content: space-between; align-items: center; margin-top: 1rem; font-weight: 600; }
button.copy { font: inherit; font-size: .85rem; padding: .1rem .6rem; cursor: pointer; }
details { margin-top: .75rem; }
summary { cursor: pointer; font-weight: 600; }
#no-match { color: var(--muted); padding: 1rem 0; }
`;

export const DOCS_SCRIPT = `
(() => {
  const input = document.getElementById('filter');
  const sections = [...document.querySelectorAll('section.endpoint')];
  const navItem = (id) => document.querySelector('nav li[data-endpoint="' + id + '"]');
  function applyFilter() {
    const words = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
    let shown = 0;
    for (const section of sections) {
      const hit = words.every((w) => section.dataset.search.includes(w));
      section.hidden = !hit;
      navItem(section.id).hidden = !hit;
      if (hit) shown += 1;
    }
    for (const family of document.querySelectorAll('nav .family')) family.hidden = !family.querySelector('li:not([hidden])');
    document.getElementById('no-match').hidden = shown > 0;
    document.getElementById('filter-count').textContent = shown + ' of ' + sections.length + ' endpoints';
  }
  input.addEventListener('input', applyFilter);
  applyFilter();
  for (const button of document.querySelectorAll('button.copy')) {
    button.addEventListener('click', async () => {
      const text = button.closest('.snippet').querySelector('pre').textContent;
      try { await navigator.clipboard.writeText(text); button.textContent = 'Copied'; }
      catch { const range = document.createRange(); range.selectNodeContents(button.closest('.snippet').querySelector('pre')); getSelection().removeAllRanges(); getSelection().addRange(range); button.textContent = 'Selected: press Ctrl+C'; }
    });
  }
})();
`;
