/**
 * The rules of `props-api sql --check` (see sql-check.ts). Rule ids are permanent: they appear in
 * reports and docs. Each message says what to write instead, usually a dialect helper.
 */

export interface Finding {
  index: number;
  length: number;
  rule: string;
  message: string;
}

type Match = { index: number; length: number; message?: string };

export interface SqlRule {
  id: string;
  message: string;
  /** Matches in the masked text (string literals, comments and backticked names blanked). */
  find(masked: string, original: string): Match[];
}

function pattern(id: string, regex: RegExp, message: string, accept: (masked: string, index: number) => boolean = () => true): SqlRule {
  const global = new RegExp(regex.source, regex.flags.includes('g') ? regex.flags : `${regex.flags}g`);
  return {
    id,
    message,
    find: (masked) => [...masked.matchAll(global)].filter((m) => accept(masked, m.index)).map((m) => ({ index: m.index, length: m[0].length })),
  };
}

/** `UNNEST(` is BigQuery's only where a table or an IN list goes: after FROM, JOIN, a comma, or IN. */
function unnestInTablePosition(masked: string, index: number): boolean {
  return /(?:\bFROM|\bJOIN|,|\bIN)\s*$/i.test(masked.slice(Math.max(0, index - 20), index));
}

const DUCKDB_ONLY_FUNCTIONS = /\b(?:string_split|str_split|split_part|list_\w+|array_slice|len|strftime|strptime|epoch_ms|regexp_matches|dayofweek|dayname|monthname)\s*\(/i;

/** DuckDB spellings that must not reach BigQuery. */
export const BIGQUERY_RULES: readonly SqlRule[] = [
  pattern('duckdb-param', /\$[A-Za-z_]\w*/, 'DuckDB `$name` parameter; write param.*() in the sql`` template so BigQuery gets a typed `@name`'),
  pattern('double-colon-cast', /::/, '`::` cast is DuckDB syntax; use CAST(x AS T) or safeCast()'),
  pattern('list-aggregate', /\blist\s*\(/i, 'list() is a DuckDB aggregate; use arrayAgg()'),
  pattern('unnest-function', /\bunnest\s*\(/i, 'unnest() in an expression is DuckDB; BigQuery takes UNNEST only in FROM/JOIN or `IN UNNEST(...)` (use inArray())', (m, i) => !unnestInTablePosition(m, i)),
  pattern('date-diff-unit-first', /\bdate_diff\s*\(\s*'/i, "date_diff('day', a, b) is DuckDB; use dateDiffDays()"),
  pattern('count-if', /\bcount_if\s*\(/i, 'count_if() is DuckDB; use countIf()'),
  pattern('aggregate-filter', /\bFILTER\s*\(\s*WHERE\b/i, 'an aggregate FILTER (WHERE ...) clause is DuckDB; use countIf() or arrayAgg()'),
  pattern('struct-pack', /\bstruct_pack\s*\(/i, 'struct_pack() is DuckDB; use struct()'),
  pattern('struct-literal', /\{\s*'[^']*'\s*:/, "a {'field': value} struct literal is DuckDB; use struct()"),
  pattern('ilike', /\bILIKE\b/i, 'ILIKE is DuckDB; use LOWER(x) LIKE LOWER(pattern)'),
  pattern('try-cast', /\btry_cast\s*\(/i, 'TRY_CAST is DuckDB; use safeCast()'),
  pattern('duckdb-function', DUCKDB_ONLY_FUNCTIONS, 'a DuckDB-only function; use the dialect helper (arrayAt, arraySlice, formatDate, dayOfWeek) or a spelling both engines share'),
  pattern('double-quoted', /"[^"\n]*"/, 'double quotes are a string in BigQuery but a name in DuckDB; use single quotes for strings and table() for names'),
  pattern('one-based-index', /(?<=[\w)\]])\[\s*(?:-?\d+\s*(?::\s*-?\d*\s*)?|-?\d*\s*:\s*-?\d*\s*)\]/, '1-based [n] list indexing or [a:b] slicing is DuckDB; use arrayAt() or arraySlice()'),
  pattern(
    'unquoted-table', /\b(?:FROM|JOIN)\s+[A-Za-z_][\w-]*\.[A-Za-z_]\w*/i, 'dataset.table without backticks; use table() so BigQuery gets `project.dataset.table`',
    (m, i) => !/\b(?:EXTRACT|SUBSTRING|TRIM)\s*\([^()]*$/i.test(m.slice(Math.max(0, i - 40), i)),
  ),
  pattern(
    'unquoted-dataset', /(?<![\w.])nba_(?:predictions|analytics|precompute|reference|raw)\.\w+/i, 'a warehouse table named without backticks; use table()',
    (m, i) => !/\b(?:FROM|JOIN)\s+$/i.test(m.slice(Math.max(0, i - 10), i)), // already reported as unquoted-table
  ),
];

/** BigQuery spellings that must not reach DuckDB (where `@name` silently parses as abs(name)). */
export const DUCKDB_RULES: readonly SqlRule[] = [
  pattern('bigquery-param', /@[A-Za-z_]\w*/, 'raw `@name` parameter: DuckDB parses it as abs(name) and returns wrong rows; use param.*()'),
  pattern('backtick', /`[^`]*`/, 'backticked names are BigQuery; use table()'),
  pattern('offset-index', /\[\s*(?:SAFE_)?(?:OFFSET|ORDINAL)\s*\(/i, '[OFFSET(n)] indexing is BigQuery; use arrayAt()'),
  pattern('in-unnest', /\bIN\s+UNNEST\s*\(/i, 'IN UNNEST(...) is BigQuery; use inArray()'),
  pattern('extract-dayofweek', /\bEXTRACT\s*\(\s*DAYOFWEEK\b/i, 'EXTRACT(DAYOFWEEK ...) is 0-based on DuckDB; use dayOfWeek()'),
  pattern('date-diff-unit-last', /\bDATE_DIFF\s*\([^()]*,\s*(?:DAY|WEEK|MONTH|YEAR)\s*\)/i, 'DATE_DIFF(a, b, DAY) is BigQuery; use dateDiffDays()'),
  pattern(
    'bigquery-function',
    /\b(?:SAFE_DIVIDE|COUNTIF|DATE_SUB|FORMAT_DATE|FORMAT_TIMESTAMP|SAFE_CAST|STRUCT|GENERATE_DATE_ARRAY|TIMESTAMP_SUB|LOGICAL_OR|LOGICAL_AND)\s*\(/i,
    'a BigQuery-only function (or one DuckDB reads differently, like date_sub); use the dialect helper',
  ),
];

/** A partitioned table (bare name, no dataset) and its partition column. */
export interface PartitionedTable { table: string; column: string }

/** The tables that declare `require_partition_filter` in BigQuery (spec/sources.md §1.1), all partitioned by game_date. */
export const PARTITION_FILTERED_TABLES = ['nbac_schedule', 'team_offense_game_summary', 'bettingpros_player_points_props', 'bdl_player_boxscores'] as const;
const SPEC_PARTITION_FILTERED: readonly PartitionedTable[] = PARTITION_FILTERED_TABLES.map((table) => ({ table, column: 'game_date' }));
const NOT_AN_ALIAS = /^(?:WHERE|JOIN|LEFT|RIGHT|INNER|FULL|CROSS|ON|USING|GROUP|ORDER|QUALIFY|LIMIT|WINDOW|UNION|EXCEPT|INTERSECT|HAVING)$/i;

/**
 * Each scan of a partition-filtered table must be followed, in the same query block, by a WHERE
 * that compares its partition column (bare or through the table's alias) to something. `tables`
 * defaults to the spec's four; `props-api doctor` passes the ones the real warehouse declares.
 */
export function partitionFilterFindings(masked: string, original: string, tables: readonly PartitionedTable[] = SPEC_PARTITION_FILTERED): Finding[] {
  if (tables.length === 0) return [];
  const columnOf = new Map(tables.map((t) => [t.table.toLowerCase(), t.column]));
  const reference = new RegExp(`\`(?:[\\w-]+\\.)?\\w+\\.(${tables.map((t) => t.table).join('|')})\`(?:\\s+(?:AS\\s+)?([A-Za-z_]\\w*))?`, 'gi');
  const findings: Finding[] = [];
  for (const m of original.matchAll(reference)) {
    if (masked[m.index] !== '`') continue; // inside a string literal or a comment
    const partitionColumn = columnOf.get(m[1]!.toLowerCase())!;
    const alias = m[2] && !NOT_AN_ALIAS.test(m[2]) ? m[2] : undefined;
    const block = queryBlockAfter(masked, m.index + m[0].indexOf('`', 1) + 1);
    const where = /\bWHERE\b/i.exec(block.depthZero);
    const column = alias ? `(?:\\b${alias}\\.|(?<![\\w.]))${partitionColumn}` : `(?<![\\w.])${partitionColumn}`;
    const predicate = new RegExp(`${column}\\b\\s*(?:=|<|>|!=|BETWEEN\\b|IN\\b)|(?:=|<|>)\\s*${column}\\b`, 'i');
    if (where && predicate.test(block.text.slice(where.index))) continue;
    findings.push({
      index: m.index, length: m[0].length, rule: 'partition-filter',
      message: `${m[1]} requires a partition filter in BigQuery: filter ${alias ? `${alias}.` : ''}${partitionColumn} in the WHERE of the same query block`,
    });
  }
  return findings;
}

/**
 * The rest of the query block from `start`: up to the parenthesis that closes the enclosing one, or
 * a UNION/EXCEPT/INTERSECT at the same depth. `depthZero` blanks nested parentheses so a WHERE of
 * a subquery is not taken for the block's own.
 */
function queryBlockAfter(masked: string, start: number): { text: string; depthZero: string } {
  let depth = 0;
  let depthZero = '';
  let end = masked.length;
  for (let i = start; i < masked.length; i++) {
    const c = masked[i]!;
    if (c === '(') depth += 1;
    if (c === ')' && depth === 0) { end = i; break; }
    if (c === ')') depth -= 1;
    if (depth === 0 && /^(?:UNION|EXCEPT|INTERSECT)\b/i.test(masked.slice(i, i + 10)) && /\W/.test(masked[i - 1] ?? ' ')) { end = i; break; }
    depthZero += depth === 0 && c !== ')' ? c : ' ';
  }
  return { text: masked.slice(start, end), depthZero };
}
