import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Google auth must never probe the cloud metadata address from a test.
    env: { METADATA_SERVER_DETECTION: 'none', TZ: 'UTC' },
    // At least two files at once, also on two cores (vitest's default there is one): much of a
    // file's time is spent waiting on child processes (CLI runs, killed publishers) and loopback
    // servers, which leaves a core idle when files run one by one.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Test files share each worker's module cache instead of re-importing the pipeline, DuckDB and
    // the cloud clients per file (about a third of the suite's CPU). Safe because tests use fakes,
    // not module mocks, and restore what they stub; per-file state lives in the test files.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The run's own directory (shared sample leagues, fault tallies); prints the fault suite's summary line at the end.
    globalSetup: ['test/faults/global-setup.ts'],
  },
});
