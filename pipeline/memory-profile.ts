/**
 * The process's memory settings, applied before `@duckdb/node-api` loads its library: every
 * module that loads it at run time imports this one first (the CLI entry too, before anything).
 * On Linux DuckDB allocates with a bundled jemalloc, configured by the `DUCKDB_JE_MALLOC_CONF`
 * environment variable, which it reads once, when the library loads.
 *
 * Issue 10: jemalloc's defaults keep freed pages for 10 s (then lazily freed ones, which still
 * count as resident, for another 10 s). A build runs 20-odd queries in a few seconds, so every
 * query's working memory stayed resident to the end of the build. Freed pages returned after
 * half a second, lazy ones at once: peak RSS about 40 MB lower at 5 seasons, no measurable cost.
 * An operator's own `DUCKDB_JE_MALLOC_CONF` wins.
 *
 * The memory profile (`PROPS_API_MEMORY`, config.ts) picks those settings and V8's: `lean`
 * returns DuckDB's pages at once and sets V8's `--optimize-for-size`, which V8's heap reads at
 * every GC (smaller growth steps between full collections), so setting it at start-up, before any
 * build work, takes effect.
 */
import v8 from 'node:v8';
import { MEMORY_PROFILES, memoryProfileFrom, setDefaultEnvironment } from './config.ts';

const profile = MEMORY_PROFILES[memoryProfileFrom()];
setDefaultEnvironment('DUCKDB_JE_MALLOC_CONF', profile.duckdbAllocator);
if (profile.v8Flags.length > 0) v8.setFlagsFromString(profile.v8Flags.join(' '));
