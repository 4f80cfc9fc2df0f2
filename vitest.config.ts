import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Google auth must never probe the cloud metadata address from a test.
    env: { METADATA_SERVER_DETECTION: 'none', TZ: 'UTC' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Seeds the fault suite's small sample league and prints its summary line at the end.
    globalSetup: ['test/faults/global-setup.ts'],
  },
});
