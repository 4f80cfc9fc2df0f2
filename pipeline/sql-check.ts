/**
 * `props-api sql --check`: render every registered exporter's query for one engine and reject
 * syntax that engine does not accept, before any query runs. For BigQuery: DuckDB-only spellings
 * (`$name`, `::`, `list(`, `count_if`, `struct_pack`, 1-based `[n]`, …), unbackticked
 * `dataset.table`, and scans of the four `require_partition_filter` tables without a
 * `game_date` filter (spec/sources.md §1.1). For DuckDB: BigQuery leftovers (`@name`, backticks,
 * `SAFE_OFFSET`, `IN UNNEST`, …). A lint, not a parser: it reads the rendered text with string
 * literals and comments masked, and every rule is a pattern with a message saying what to use.
 */
import type { AnyExporter } from './define-exporter.ts';
import { selectExporters } from './select-exporters.ts';
import { BIGQUERY_RULES, DUCKDB_RULES, partitionFilterFindings, type Finding } from './sql-check-rules.ts';
import { renderSql, type Dialect } from './sql.ts';

export interface SqlProblem {
  exporterId: string;
  dialect: Dialect;
  /** Permanent rule id, e.g. `duckdb-param`. */
  rule: string;
  message: string;
  /** The offending text with some context, whitespace collapsed. */
  snippet: string;
}

export interface CheckedQuery {
  exporterId: string;
  text: string;
}

export interface SqlCheckReport {
  dialect: Dialect;
  checked: CheckedQuery[];
  problems: SqlProblem[];
}

export interface SqlCheckOptions {
  /** @default 'bigquery' */
  dialect?: Dialect;
  /** Exporter ids or families, as `--only`. @default every registered exporter */
  only?: readonly string[];
}

/**
 * Blank out string literals, comments and backticked names (keeping the quotes and every
 * offset), so rules never match inside them and snippets can be cut from the original text.
 */
export function maskSql(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const two = text.slice(i, i + 2);
    const quote = text[i] === "'" || text[i] === '`' ? text[i]! : undefined;
    let end: number;
    if (two === '--') end = text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i);
    else if (two === '/*') end = text.indexOf('*/', i + 2) === -1 ? text.length : text.indexOf('*/', i + 2) + 2;
    else if (quote) end = closingQuote(text, i, quote);
    else {
      out += text[i];
      i += 1;
      continue;
    }
    const inner = quote ? Math.max(end - i - 2, 0) : end - i;
    out += quote ? `${quote}${(quote === '`' ? '_' : ' ').repeat(inner)}${end - i >= 2 ? quote : ''}` : ' '.repeat(inner);
    i = end;
  }
  return out;
}

/** Index just past the quote closing the one at `start` (`''` and `\'` escape inside strings). */
function closingQuote(text: string, start: number, quote: string): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\' && quote === "'") i += 1;
    else if (text[i] === quote && quote === "'" && text[i + 1] === "'") i += 1;
    else if (text[i] === quote) return i + 1;
  }
  return text.length;
}

/** Problems in one rendered query text. */
export function checkRenderedSql(text: string, dialect: Dialect): Finding[] {
  const masked = maskSql(text);
  const rules = dialect === 'bigquery' ? BIGQUERY_RULES : DUCKDB_RULES;
  const findings = rules.flatMap((rule) => rule.find(masked, text).map((f) => ({ ...f, rule: rule.id, message: f.message ?? rule.message })));
  if (dialect === 'bigquery') findings.push(...partitionFilterFindings(masked, text));
  return findings.sort((a, b) => a.index - b.index);
}

/** Render each selected exporter's query for `dialect` and check it. */
export function checkExporterSql(registry: readonly AnyExporter[], options: SqlCheckOptions = {}): SqlCheckReport {
  const dialect = options.dialect ?? 'bigquery';
  const selected = selectExporters(registry, 'all', options.only);
  const checked: CheckedQuery[] = [];
  const problems: SqlProblem[] = [];
  for (const exporter of selected) {
    const text = renderSql(exporter.query.sql, dialect, dialect === 'bigquery' ? { project: 'project-id' } : {}).text;
    checked.push({ exporterId: exporter.id, text });
    for (const finding of checkRenderedSql(text, dialect)) {
      problems.push({ exporterId: exporter.id, dialect, rule: finding.rule, message: finding.message, snippet: snippetAt(text, finding.index, finding.length) });
    }
  }
  return { dialect, checked, problems };
}

const SNIPPET_CONTEXT = 30;

function snippetAt(text: string, index: number, length: number): string {
  const start = Math.max(0, index - SNIPPET_CONTEXT);
  const end = Math.min(text.length, index + length + SNIPPET_CONTEXT);
  const body = text.slice(start, end).replace(/\s+/g, ' ').trim();
  return `${start > 0 ? '…' : ''}${body}${end < text.length ? '…' : ''}`;
}

/** One line per problem, numbered, for the CLI. */
export function formatSqlProblems(problems: readonly SqlProblem[]): string {
  return problems.map((p, i) => `${i + 1}. ${p.exporterId} [${p.rule}] ${p.message}\n     ${p.snippet}`).join('\n');
}
