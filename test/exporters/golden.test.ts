/**
 * Runs every `*.case.ts` under test/exporters/ through the real pipeline and compares each
 * published file with its golden copy in `__golden__/<case>/` (update with `vitest -u`).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fg from 'fast-glob';
import { describe, expect, test } from 'vitest';
import { formatErrorChain } from '../../pipeline/errors.ts';
import { endpointEntries, SCHEMA_FILES_OWNER } from '../../pipeline/manifest.ts';
import { createFixedClock } from '../../pipeline/ports.ts';
import { runBuild } from '../../pipeline/run-build.ts';
import { createCaseWarehouse } from '../helpers/case-warehouse.ts';
import type { ExporterCase } from '../helpers/exporter-case.ts';
import { createStaticLiveFeed, noLiveFeed } from '../helpers/live-feed.ts';
import { exporters } from '../../exporters/index.ts';

const here = path.dirname(new URL(import.meta.url).pathname);
const caseFiles = fg.sync('**/*.case.ts', { cwd: here }).sort();

for (const caseFile of caseFiles) {
  const { default: cases } = (await import(path.join(here, caseFile))) as { default: ExporterCase[] };
  describe(caseFile, () => {
    for (const c of cases) {
      test(c.name, async () => {
        const outDir = await mkdtemp(path.join(os.tmpdir(), 'props-case-'));
        const warehouse = await createCaseWarehouse(c.tables);
        try {
          const run = runBuild({ only: c.only, dates: c.dates, systemId: c.systemId, outDir, warehouseAdapter: warehouse, clock: createFixedClock(c.asOf), liveFeed: c.live ? createStaticLiveFeed(c.live) : noLiveFeed,
            registry: c.registry ?? exporters, baseline: c.baseline, failedEndpoints: c.failedEndpoints });
          if (c.error) {
            const error = await run.then(() => undefined, (e: unknown) => e);
            expect(error, 'the build should fail').toBeDefined();
            expect(formatErrorChain(error)).toMatch(c.error.message);
            expect(JSON.stringify((error as { failures?: { code: string }[] }).failures?.map((f) => f.code) ?? [(error as { code: string }).code])).toContain(c.error.code);
            expect(fg.sync('*/manifest.json', { cwd: outDir }), 'nothing may be written').toEqual([]);
            return;
          }
          const summary = await run;
          const files: Record<string, unknown> = {};
          // The cases are about endpoints' files; the schemas every build publishes are tested in test/pipeline/stages/schema-files.test.ts.
          const manifest = { ...summary.manifest!, files: summary.manifest!.files.filter((f) => f.exporter !== SCHEMA_FILES_OWNER), endpoints: endpointEntries(summary.manifest!) };
          for (const entry of manifest.files) {
            const text = await readFile(path.join(summary.treeDir!, entry.path), 'utf8');
            files[entry.path] = JSON.parse(text);
            await expect(text).toMatchFileSnapshot(path.join(here, path.dirname(caseFile), '__golden__', c.name, entry.path));
          }
          c.check?.({ files, manifest });
        } finally {
          await warehouse.close();
          await rm(outDir, { recursive: true, force: true });
        }
      });
    }
  });
}
