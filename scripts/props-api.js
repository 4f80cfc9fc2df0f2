#!/usr/bin/env node
// The `props-api` command. The project is TypeScript run directly (no build step): tsx's loader
// is registered here, then the CLI module takes over.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../pipeline/cli.ts');
process.exitCode = await main(process.argv.slice(2));
