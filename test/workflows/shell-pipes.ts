/**
 * Where a bash script pipes one command into another: each `|` (and `|&`) that separates
 * commands of a pipeline, at any nesting (`$(a | b)` too, since an assignment's status is the
 * substitution's). Not a pipe: `||`, the `>|` redirection, and any `|` inside quotes, comments,
 * here-documents, `$((…))` arithmetic or `${…}` expansions. A `case` pattern's `a|b)` does count:
 * the lint errs towards asking for pipefail.
 */

type Context = 'code' | 'paren' | 'backtick' | 'dquote';

/** Index just past the `close` that balances the `open` before `from` (or the end). */
function skipBalanced(script: string, from: number, open: string, close: string, depth: number): number {
  let i = from;
  for (; i < script.length && depth > 0; i++) {
    if (script[i] === open) depth++;
    else if (script[i] === close) depth--;
  }
  return i;
}

/** Here-document bodies that start after the newline at `newline`; returns the index of the last newline skipped. */
function skipHeredocs(script: string, newline: number, pending: { word: string; strip: boolean }[]): number {
  let end = newline;
  for (const { word, strip } of pending.splice(0)) {
    for (;;) {
      const next = script.indexOf('\n', end + 1);
      const line = script.slice(end + 1, next === -1 ? script.length : next);
      end = next === -1 ? script.length : next;
      if ((strip ? line.replace(/^\t+/, '') : line) === word || next === -1) break;
    }
  }
  return end;
}

export function pipeOffsets(script: string): number[] {
  const pipes: number[] = [];
  const stack: Context[] = ['code'];
  const heredocs: { word: string; strip: boolean }[] = [];
  for (let i = 0; i < script.length; i++) {
    const c = script[i]!;
    const next = script[i + 1];
    const top = stack.at(-1)!;
    if (c === '\\') { i++; continue; }
    if (c === '$' && next === '(' && script[i + 2] === '(') { i = skipBalanced(script, i + 3, '(', ')', 2) - 1; continue; }
    if (c === '$' && next === '{') { i = skipBalanced(script, i + 2, '{', '}', 1) - 1; continue; }
    if (c === '$' && next === '(') { stack.push('paren'); i++; continue; }
    if (c === '`') { if (top === 'backtick') stack.pop(); else stack.push('backtick'); continue; }
    if (top === 'dquote') { if (c === '"') stack.pop(); continue; }
    if (c === '"') { stack.push('dquote'); continue; }
    if (c === "'") { const end = script.indexOf("'", i + 1); i = end === -1 ? script.length : end; continue; }
    if (c === '#' && (i === 0 || /[\s;&|()]/.test(script[i - 1]!))) { const end = script.indexOf('\n', i); i = (end === -1 ? script.length : end) - 1; continue; }
    if (c === '(') { stack.push('paren'); continue; }
    if (c === ')') { if (top === 'paren') stack.pop(); continue; }
    if (c === '\n' && heredocs.length > 0) { i = skipHeredocs(script, i, heredocs); continue; }
    if (c === '<' && next === '<' && script[i + 2] !== '<') {
      const heredoc = /^<<(-?)[ \t]*(['"]?)([\w.-]+)\2/.exec(script.slice(i));
      if (heredoc) { heredocs.push({ word: heredoc[3]!, strip: heredoc[1] === '-' }); i += heredoc[0].length - 1; }
      continue;
    }
    if (c !== '|') continue;
    if (next === '|') { i++; continue; }
    if (script[i - 1] !== '>') pipes.push(i);
  }
  return pipes;
}
