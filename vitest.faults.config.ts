/**
 * `npm run test:faults`: the reliability and security suite alone (issue 11): injected faults,
 * kill points, racing publishers, the bad-input corpus, property tests and security checks.
 * The main config (`npm test`) runs the same files among the rest.
 */
import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

export default defineConfig({
  test: {
    ...base.test,
    include: ['test/faults/**/*.test.ts', 'test/corpus/**/*.test.ts', 'test/unit/security/**/*.test.ts', 'test/integration/publish/kill-points.test.ts'],
  },
});
