/**
 * `props-api sql --check [--dialect bigquery|duckdb] [--only ids] [--print]`: render every
 * registered exporter's query for one engine and reject syntax that engine does not accept
 * (pipeline/sql-check.ts). `--print` writes the rendered SQL to stdout.
 */
import { exporters } from '../../exporters/index.ts';
import type { AnyExporter } from '../define-exporter.ts';
import { QueryError, invalidOption } from '../errors.ts';
import type { Dialect } from '../sql.ts';
import { checkExporterSql, formatSqlProblems } from '../sql-check.ts';
import { formatWarehouseTables, readWarehouseTables } from '../warehouse-tables.ts';
import { defineCommand, type Command } from './command.ts';

const USAGE = `Usage: props-api sql --check [--dialect bigquery|duckdb] [--only <ids>] [--print]
       props-api sql --tables [--json]

Renders every registered exporter's query for one engine and checks it, running nothing.

  --check             reject syntax the engine does not accept: for bigquery, DuckDB-only
                      spellings ($name, ::, list(), count_if, struct_pack, [n], ILIKE, "..."),
                      unbackticked dataset.table, and scans of require_partition_filter tables
                      without a game_date filter; for duckdb, BigQuery leftovers (@name, backticks, …)
  --dialect <name>    bigquery (default) or duckdb
  --only <ids>        comma-separated exporter ids or families (e.g. results.daily,trends)
  --print             write each rendered query to stdout
  --tables            list the warehouse tables and columns the exporters read, with their
                      BigQuery types and readers, derived from the queries (docs/tables.md)
  --json              with --tables: the list as JSON`;

export interface SqlCommandDeps {
  registry: readonly AnyExporter[];
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export function createSqlCommand(deps: SqlCommandDeps): Command {
  return defineCommand({
    name: 'sql',
    summary: "check (or print) every exporter's query as rendered for BigQuery or DuckDB; list the tables they read",
    usage: USAGE,
    options: { check: { type: 'boolean' }, print: { type: 'boolean' }, dialect: { type: 'string' }, only: { type: 'string' }, tables: { type: 'boolean' }, json: { type: 'boolean' } },
    async run({ values }) {
      if (values.tables) {
        const tables = await readWarehouseTables(deps.registry);
        deps.stdout(values.json ? `${JSON.stringify(tables, null, 2)}\n` : formatWarehouseTables(tables));
        return 0;
      }
      const dialect = values.dialect ?? 'bigquery';
      if (dialect !== 'bigquery' && dialect !== 'duckdb') throw invalidOption('--dialect', '`bigquery` or `duckdb`', dialect);
      if (!values.check && !values.print) throw invalidOption('--check', 'given (or --print, or --tables)', values.check ?? false);
      const only = typeof values.only === 'string' ? values.only.split(',').map((id) => id.trim()).filter(Boolean) : undefined;
      const report = checkExporterSql(deps.registry, { dialect: dialect as Dialect, only });
      if (values.print) {
        for (const { exporterId, text } of report.checked) deps.stdout(`-- ${exporterId} (${dialect})\n${text.trim()}\n\n`);
      }
      if (!values.check) return 0;
      if (report.problems.length > 0) {
        throw new QueryError('SqlCheckFailed', `The ${dialect} rendering of the exporter queries has ${report.problems.length} problem(s):\n${formatSqlProblems(report.problems)}`, {
          hint: 'Write engine-specific constructs with the helpers of pipeline/sql.ts (param.*, table(), arrayAt, countIf, struct, arrayAgg, …); docs/bigquery.md lists the rules.',
        });
      }
      deps.stderr(`sql --check: ${report.checked.length} exporter queries render cleanly for ${dialect}\n`);
      return 0;
    },
  });
}

export default createSqlCommand({
  registry: exporters,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
