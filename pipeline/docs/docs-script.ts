/**
 * The docs page's inline script (plain ES2020, no framework, requests only to the page's own folder).
 *
 * - Sections load on demand: the hash names an endpoint (`#results.daily`) or one of its fields
 *   (`#results.daily:results[].line_value`); its section is fetched once from `endpoints/<id>.html`,
 *   shown alone, and the named element scrolled into view and marked. No hash: the overview.
 * - Search: `search-index.json` is fetched when the box is first used; every word typed must occur
 *   in an endpoint's text or in a field's path or description. Hits are listed (endpoints first,
 *   at most MAX_HITS), each a link to its anchor, and the navigation keeps only endpoints with a hit.
 * - Copy buttons copy their snippet (selecting it when the clipboard is refused).
 */
export const DOCS_SCRIPT = String.raw`
(() => {
  const MAX_HITS = 60;
  const input = document.getElementById('filter');
  const list = document.getElementById('results');
  const count = document.getElementById('filter-count');
  const overview = document.getElementById('overview');
  const holder = document.getElementById('sections');
  const navItems = [...document.querySelectorAll('nav li[data-endpoint]')];
  const ids = navItems.map((li) => li.dataset.endpoint);
  const sections = new Map();

  function loadSection(id) {
    if (!sections.has(id)) {
      sections.set(id, fetch('endpoints/' + encodeURIComponent(id) + '.html').then((response) => {
        if (!response.ok) throw new Error('endpoints/' + id + '.html: HTTP ' + response.status);
        return response.text();
      }).then((html) => {
        const template = document.createElement('template');
        template.innerHTML = html;
        const section = template.content.firstElementChild;
        holder.append(section);
        return section;
      }));
    }
    return sections.get(id);
  }

  async function show() {
    let target = '';
    try { target = decodeURIComponent(location.hash.slice(1)); } catch { target = ''; }
    const id = target.split(':')[0];
    for (const li of navItems) li.classList.toggle('current', li.dataset.endpoint === id);
    for (const marked of document.querySelectorAll('.target')) marked.classList.remove('target');
    if (!ids.includes(id)) {
      overview.hidden = false;
      for (const section of holder.children) section.hidden = true;
      return;
    }
    const section = await loadSection(id);
    overview.hidden = true;
    for (const other of holder.children) other.hidden = other !== section;
    const element = document.getElementById(target) || section;
    element.classList.add('target');
    element.scrollIntoView({ block: element === section ? 'start' : 'center' });
  }

  let index;
  function loadIndex() {
    index = index || fetch('search-index.json').then((response) => response.json()).then((data) => ({
      endpoints: data.endpoints,
      fields: data.fields.map(([e, path, d]) => ({ e, path, description: data.descriptions[d], text: (path + ' ' + data.descriptions[d]).toLowerCase() })),
    }));
    return index;
  }

  function hitItem(href, label, detail) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = href;
    a.textContent = label;
    const span = document.createElement('span');
    span.className = 'muted';
    span.textContent = detail;
    li.append(a, ' ', span);
    return li;
  }

  async function search() {
    const query = input.value;
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) {
      list.replaceChildren();
      list.hidden = true;
      count.textContent = '';
      for (const li of navItems) li.hidden = false;
      for (const family of document.querySelectorAll('nav .family')) family.hidden = false;
      return;
    }
    const data = await loadIndex();
    if (input.value !== query) return; // a later keystroke's search answers
    const matches = (text) => words.every((w) => text.includes(w));
    const endpointHits = data.endpoints.filter(([, , text]) => matches(text));
    const fieldHits = data.fields.filter((f) => matches(f.text));
    const withHit = new Set(endpointHits.map(([id]) => id).concat(fieldHits.map((f) => data.endpoints[f.e][0])));
    for (const li of navItems) li.hidden = !withHit.has(li.dataset.endpoint);
    for (const family of document.querySelectorAll('nav .family')) family.hidden = !family.querySelector('li:not([hidden])');
    const items = endpointHits.map(([id, type]) => hitItem('#' + id, id, type))
      .concat(fieldHits.map((f) => hitItem('#' + data.endpoints[f.e][0] + ':' + f.path, f.path, data.endpoints[f.e][0] + ': ' + f.description)));
    list.replaceChildren(...items.slice(0, MAX_HITS));
    list.hidden = false;
    count.textContent = fieldHits.length + ' fields in ' + withHit.size + ' endpoints' + (items.length > MAX_HITS ? ' (first ' + MAX_HITS + ' shown)' : '');
  }

  input.addEventListener('focus', loadIndex, { once: true });
  input.addEventListener('input', search);
  addEventListener('hashchange', show);
  show();

  document.addEventListener('click', async (event) => {
    const button = event.target.closest('button.copy');
    if (!button) return;
    const pre = button.closest('.snippet').querySelector('pre');
    try { await navigator.clipboard.writeText(pre.textContent); button.textContent = 'Copied'; }
    catch { const range = document.createRange(); range.selectNodeContents(pre); getSelection().removeAllRanges(); getSelection().addRange(range); button.textContent = 'Selected: press Ctrl+C'; }
  });
})();
`;
