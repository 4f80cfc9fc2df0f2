/** Every CLI sub-command, in `--help` order. */
import type { Command } from './command.ts';
import bucketConfig from './bucket-config.ts';
import build from './build.ts';
import generate from './generate.ts';
import preview from './preview.ts';
import publish from './publish.ts';
import releases from './releases.ts';
import rollback from './rollback.ts';
import seed from './seed.ts';
import sql from './sql.ts';
import start from './start.ts';
import schema from './schema.ts';
import graded from './graded.ts';
import live from './live.ts';

export const commands: readonly Command[] = [start, seed, build, preview, publish, releases, rollback, bucketConfig, sql, generate, schema, graded, live];
