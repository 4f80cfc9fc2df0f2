#!/usr/bin/env node
// The `props-api` command. The project is TypeScript run directly (no build step): tsx's loader
// is registered here, then the CLI module takes over.
import { register } from 'tsx/esm/api';

register();
// DuckDB's allocator settings (and the memory profile, PROPS_API_MEMORY) must be in place before
// its library loads; a bad profile name is refused here, before any command runs.
try {
  await import('../pipeline/memory-profile.ts');
} catch (error) {
  const { formatErrorChain } = await import('../pipeline/errors.ts');
  process.stderr.write(`${formatErrorChain(error)}\n`);
  process.exit(2);
}
const { main } = await import('../pipeline/cli.ts');
process.exitCode = await main(process.argv.slice(2));
