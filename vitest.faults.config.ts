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
    include: [
      'test/faults/**/*.test.ts', // injected faults, every kill point, racing publishers, size limits, untrusted inputs
      'test/corpus/**/*.test.ts', // the bad-input corpus
      'test/integration/secrets.test.ts',
      'test/ci/audit-summary.test.ts',
      'test/pipeline/commands/bucket-config.test.ts',
      'test/pipeline/publish/bucket-config.test.ts',
      'test/pipeline/path-and-serialiser.property.test.ts',
      'test/pipeline/preview/preview-fuzz.property.test.ts',
    ],
  },
});
