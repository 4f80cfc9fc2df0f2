/**
 * DuckDB's allocator settings, applied before `@duckdb/node-api` loads its library (import this
 * module first). On Linux DuckDB allocates with a bundled jemalloc, configured by the
 * `DUCKDB_JE_MALLOC_CONF` environment variable, which it reads once, when the library loads.
 *
 * Issue 10: jemalloc's defaults keep freed pages for 10 s (then lazily freed ones, which still
 * count as resident, for another 10 s). A build runs 20-odd queries in a few seconds, so every
 * query's working memory stayed resident to the end of the build. Freed pages returned after
 * half a second, lazy ones at once: peak RSS about 40 MB lower at 5 seasons, no measurable cost.
 * (Returning them at once saves about 75 MB but made builds 15–40 % slower.) An operator's own
 * `DUCKDB_JE_MALLOC_CONF` wins.
 */
import { DEFAULT_DUCKDB_ALLOCATOR_CONF, setDefaultEnvironment } from '../config.ts';

setDefaultEnvironment('DUCKDB_JE_MALLOC_CONF', DEFAULT_DUCKDB_ALLOCATOR_CONF);
