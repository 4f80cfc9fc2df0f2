/**
 * `props-api sql --check` (issue 7): each rule on good and bad sample queries, the partition
 * filter lint for the four `require_partition_filter` tables, and the real registry.
 */
import { describe, expect, it } from 'vitest';
import { exporters } from '../../exporters/index.ts';
import { createSqlCommand } from '../../pipeline/commands/sql.ts';
import { defineExporter, type AnyExporter } from '../../pipeline/define-exporter.ts';
import { checkExporterSql, checkRenderedSql, maskSql } from '../../pipeline/sql-check.ts';
import { arrayAgg, arrayAt, countIf, dateDiffDays, inArray, param, sql, struct, table, type SqlQuery } from '../../pipeline/sql.ts';

const rulesIn = (text: string, dialect: 'bigquery' | 'duckdb' = 'bigquery') => checkRenderedSql(text, dialect).map((f) => f.rule);

describe('maskSql', () => {
  it('blanks strings, comments and backticked names, keeping every offset', () => {
    const text = "SELECT 'a''$b' AS x, `p.d.t` -- $c\n/* :: */ FROM y";
    const masked = maskSql(text);
    expect(masked).toHaveLength(text.length);
    expect(masked).toBe("SELECT '     ' AS x, `_____`      \n         FROM y");
  });
});

describe('BigQuery rules reject DuckDB-only syntax', () => {
  it.each([
    ['duckdb-param', 'SELECT * FROM `d.t` WHERE game_date = $as_of'],
    ['double-colon-cast', 'SELECT x::INTEGER FROM `d.t`'],
    ['list-aggregate', 'SELECT list(x ORDER BY y) FROM `d.t`'],
    ['unnest-function', 'SELECT unnest(xs) FROM `d.t`'],
    ['unnest-function', 'SELECT 1 FROM `d.t` WHERE x IN (SELECT unnest(xs))'],
    ['date-diff-unit-first', "SELECT date_diff('day', a, b) FROM `d.t`"],
    ['count-if', 'SELECT count_if(x > 1) FROM `d.t`'],
    ['aggregate-filter', 'SELECT count(*) FILTER (WHERE x > 1) FROM `d.t`'],
    ['struct-pack', 'SELECT struct_pack(a := 1) FROM `d.t`'],
    ['struct-literal', "SELECT {'a': 1, 'b': 2} FROM `d.t`"],
    ['ilike', "SELECT 1 FROM `d.t` WHERE name ILIKE 'a%'"],
    ['try-cast', 'SELECT TRY_CAST(x AS BIGINT) FROM `d.t`'],
    ['duckdb-function', "SELECT strftime(d, '%A'), string_split(s, '_') FROM `d.t`"],
    ['double-quoted', 'SELECT "ensemble_v1" FROM `d.t`'],
    ['one-based-index', "SELECT SPLIT(s, '_')[3] FROM `d.t`"],
    ['one-based-index', 'SELECT xs[2:3] FROM `d.t`'],
    ['unquoted-table', 'SELECT 1 FROM nba_raw.nbac_injury_report'],
    ['unquoted-dataset', 'SELECT (SELECT MAX(x) FROM `a`) + nba_predictions.prediction_accuracy.y'],
  ])('%s: %s', (rule, text) => {
    expect(rulesIn(text)).toContain(rule);
  });

  it.each([
    'SELECT * FROM `p.nba_raw.nbac_injury_report` WHERE report_date <= @as_of AND x IN UNNEST(@teams)',
    "SELECT SPLIT(game_id, '_')[SAFE_OFFSET(2)], features[OFFSET(0)], [1, 2], [] FROM `p.d.t` AS t, UNNEST(t.xs) AS x",
    "SELECT ARRAY_AGG(STRUCT(a AS b) IGNORE NULLS ORDER BY c LIMIT 5), COUNTIF(x > 1) FROM `d.t` CROSS JOIN UNNEST(ys) AS y",
    "SELECT 'a::b $c \"d\" list( [1] {''a'': 1}' AS s FROM `d.t` -- count_if( struct_pack( ILIKE",
    'SELECT EXTRACT(DAYOFWEEK FROM d), DATE_DIFF(a, b, DAY), SAFE_CAST(x AS INT64) FROM `d.t` QUALIFY ROW_NUMBER() OVER (PARTITION BY a) = 1',
  ])('accepts BigQuery SQL: %s', (text) => {
    expect(checkRenderedSql(text, 'bigquery')).toEqual([]);
  });
});

describe('DuckDB rules reject BigQuery leftovers', () => {
  it.each([
    ['bigquery-param', 'SELECT * FROM d.t WHERE game_date = @as_of'],
    ['backtick', 'SELECT * FROM `d.t`'],
    ['offset-index', 'SELECT xs[SAFE_OFFSET(1)] FROM d.t'],
    ['in-unnest', 'SELECT 1 FROM d.t WHERE x IN UNNEST(xs)'],
    ['extract-dayofweek', 'SELECT EXTRACT(DAYOFWEEK FROM d) FROM d.t'],
    ['date-diff-unit-last', 'SELECT DATE_DIFF(a, b, DAY) FROM d.t'],
    ['bigquery-function', 'SELECT SAFE_DIVIDE(a, b), DATE_SUB(d, INTERVAL 1 DAY) FROM d.t'],
  ])('%s: %s', (rule, text) => {
    expect(rulesIn(text, 'duckdb')).toContain(rule);
  });

  it('accepts the DuckDB rendering of the helpers', () => {
    const q = sql`SELECT ${arrayAt(sql`xs`, 0)}, ${countIf(sql`x > 1`)}, ${struct({ a: sql`x` })}, ${arrayAgg(sql`x`, { orderBy: sql`y`, limit: 2 })},
      ${dateDiffDays(param.date('as_of'), sql`d`)} FROM ${table('nba_raw', 'nbac_schedule')} WHERE ${inArray(sql`team`, param.stringArray('teams'))}`;
    expect(checkExporterSql([fakeExporter('x.duck', q)], { dialect: 'duckdb' }).problems).toEqual([]);
  });
});

describe('partition filter on require_partition_filter tables', () => {
  const schedule = table('nba_raw', 'nbac_schedule');
  const boxscores = table('nba_raw', 'bdl_player_boxscores');
  const problemsOf = (q: SqlQuery) => checkExporterSql([fakeExporter('live.scores', q)]).problems.filter((p) => p.rule === 'partition-filter');

  it.each([
    ['a WHERE on game_date', sql`SELECT game_id FROM ${schedule} WHERE game_date = ${param.date('d')}`],
    ['the alias in a CTE, before a join', sql`WITH s AS (SELECT * FROM ${schedule} AS s WHERE s.game_date BETWEEN ${param.date('a')} AND ${param.date('b')}) SELECT * FROM s`],
    ['a bare alias and a comparison on the right', sql`SELECT 1 FROM ${boxscores} b JOIN x ON x.id = b.id WHERE ${param.date('d')} <= b.game_date`],
  ])('accepts %s', (_name, q) => {
    expect(problemsOf(q)).toEqual([]);
  });

  it.each([
    ['no WHERE at all', sql`SELECT game_id FROM ${schedule}`],
    ['a WHERE on another column', sql`SELECT game_id FROM ${schedule} WHERE game_id = 'x'`],
    ['the filter only in a subquery', sql`SELECT * FROM ${schedule} s JOIN (SELECT * FROM y WHERE game_date = ${param.date('d')}) z ON z.id = s.id`],
    ['the filter on another table of the join', sql`SELECT * FROM ${schedule} AS s JOIN y ON y.id = s.id WHERE y.game_date = ${param.date('d')}`],
    ['the filter only after a UNION', sql`SELECT 1 FROM ${schedule} UNION ALL SELECT 1 FROM y WHERE game_date = ${param.date('d')}`],
  ])('rejects %s, naming the exporter and table', (_name, q) => {
    const [problem, ...rest] = problemsOf(q);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ exporterId: 'live.scores', message: expect.stringMatching(/^nbac_schedule requires a partition filter/), snippet: expect.stringContaining('`project-id.nba_raw.nbac_schedule`') });
  });

  it('checks each of the four tables', () => {
    const names = ['nbac_schedule', 'team_offense_game_summary', 'bettingpros_player_points_props', 'bdl_player_boxscores'];
    const scans = names.map((name) => fakeExporter(`t.${name.replaceAll('_', '-')}`, sql`SELECT 1 FROM ${table('nba_raw', name)}`));
    expect(checkExporterSql(scans).problems.map((p) => p.rule)).toEqual(names.map(() => 'partition-filter'));
    expect(checkExporterSql([fakeExporter('t.other', sql`SELECT 1 FROM ${table('nba_raw', 'nbac_injury_report')}`)]).problems).toEqual([]);
  });
});

describe('the registry', () => {
  it('renders every registered exporter for BigQuery without DuckDB-only syntax or a missing partition filter', () => {
    const report = checkExporterSql(exporters);
    expect(report.checked.map((c) => c.exporterId)).toEqual(exporters.map((e) => e.id));
    expect(report.problems).toEqual([]);
  });

  it('renders every registered exporter for DuckDB without BigQuery leftovers', () => {
    expect(checkExporterSql(exporters, { dialect: 'duckdb' }).problems).toEqual([]);
  });
});

describe('props-api sql', () => {
  const bad = fakeExporter('results.bad', sql`SELECT x::INT FROM nba_raw.nbac_injury_report WHERE d = $as_of`);
  const good = fakeExporter('results.good', sql`SELECT 1 FROM ${table('nba_raw', 'nbac_injury_report')} WHERE report_date = ${param.date('as_of')}`);
  const run = async (registry: AnyExporter[], values: Record<string, string | boolean>) => {
    const out: string[] = [];
    const err: string[] = [];
    const command = createSqlCommand({ registry, stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
    const code = await command.run({ values, positionals: [] });
    return { code, out: out.join(''), err: err.join('') };
  };

  it('--check fails with every problem, exporter id and snippet in one SqlCheckFailed error', async () => {
    const error = await run([bad, good], { check: true }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SqlCheckFailed', stage: 'query' });
    expect((error as Error).message).toBe([
      'The bigquery rendering of the exporter queries has 3 problem(s):',
      '1. results.bad [double-colon-cast] `::` cast is DuckDB syntax; use CAST(x AS T) or safeCast()',
      '     SELECT x::INT FROM nba_raw.nbac_injury_r…',
      '2. results.bad [unquoted-table] dataset.table without backticks; use table() so BigQuery gets `project.dataset.table`',
      '     SELECT x::INT FROM nba_raw.nbac_injury_report WHERE d = $as_of',
      '3. results.bad [duckdb-param] DuckDB `$name` parameter; write param.*() in the sql`` template so BigQuery gets a typed `@name`',
      '     ….nbac_injury_report WHERE d = $as_of',
    ].join('\n'));
  });

  it('--check passes on clean queries; --only narrows; --print writes the rendering', async () => {
    expect(await run([bad, good], { check: true, only: 'results.good', print: true })).toEqual({
      code: 0,
      out: '-- results.good (bigquery)\nSELECT 1 FROM `project-id.nba_raw.nbac_injury_report` WHERE report_date = @as_of\n\n',
      err: 'sql --check: 1 exporter queries render cleanly for bigquery\n',
    });
  });

  it('validates its flags', async () => {
    await expect(run([good], { check: true, dialect: 'postgres' })).rejects.toMatchObject({ code: 'InvalidOption', message: expect.stringMatching(/--dialect/) });
    await expect(run([good], {})).rejects.toMatchObject({ code: 'InvalidOption' });
    await expect(run([good], { check: true, only: 'nope' })).rejects.toMatchObject({ code: 'UnknownExporter' });
  });
});

function fakeExporter(id: string, query: SqlQuery): AnyExporter {
  return defineExporter({
    id, schema: `https://example.test/${id}.schema.json`, description: 'test', triggers: ['daily'], path: 'x.json', cache: 'daily',
    params: () => [{}], query: { sql: query, bind: () => ({}), columns: {}, key: [] }, render: () => ({}),
  });
}
