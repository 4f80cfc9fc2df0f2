/**
 * A publisher in its own process, for kill-point tests (the test kills it with SIGKILL at an
 * exact request, from the loopback server's request hooks).
 *
 * Usage: node --import tsx publish-child.ts ENDPOINT PREFIX CONCURRENCY publish TREE_DIR
 *        node --import tsx publish-child.ts ENDPOINT PREFIX CONCURRENCY rollback BUILD_ID
 * (the tests run its ESM bundle the same way, see kill-point.ts).
 * Prints `done` and exits 0 when it finishes; a failure exits 1, printing the error (its `code` included).
 */
import { createGcsObjectStore } from '../../pipeline/adapters/gcs-object-store.ts';
import { withPrefix } from '../../pipeline/publish/open-store.ts';
import { publishBuild } from '../../pipeline/publish/publish-build.ts';
import { rollbackTo } from '../../pipeline/publish/rollback.ts';
import { TEST_BUCKET } from './gcs-bucket.ts';

const [endpoint = '', prefix = '', concurrency = '1', verb, target = ''] = process.argv.slice(2);
const store = withPrefix(createGcsObjectStore({ bucket: TEST_BUCKET, endpoint, retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 } }), prefix);
if (verb === 'publish') await publishBuild({ store, treeDir: target, concurrency: Number(concurrency) });
else if (verb === 'rollback') await rollbackTo({ store, buildId: target, concurrency: Number(concurrency) });
else throw new Error(`unknown verb ${verb}`);
process.stdout.write('done\n');
