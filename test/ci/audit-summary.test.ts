/**
 * The CI audit step's verdict (.ci/audit-summary.ts) on recorded `npm audit --json` answers, so
 * no test needs the network: high or critical advisories fail, anything less passes with its
 * counts printed, and an unreachable audit endpoint is a note, not a failure.
 */
import { describe, expect, test } from 'vitest';
import { auditVerdict } from '../../.ci/audit-summary.ts';

const report = (vulnerabilities: Record<string, number>) => JSON.stringify({ auditReportVersion: 2, vulnerabilities: {}, metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...vulnerabilities }, dependencies: { prod: 120 } } });

describe('CI audit verdict', () => {
  test('a clean report passes and says so', () => {
    expect(auditVerdict(report({}))).toEqual({ line: 'npm audit (production dependencies): 0 critical, 0 high, 0 moderate, 0 low', fail: false });
  });

  test('moderate and low advisories are printed but do not fail', () => {
    expect(auditVerdict(report({ moderate: 2, low: 5 }))).toMatchObject({ fail: false, line: expect.stringContaining('2 moderate, 5 low') });
  });

  test.for<Record<string, number>>([{ high: 1 }, { critical: 1 }, { high: 2, critical: 3 }])('%o fails', (counts) => {
    expect(auditVerdict(report(counts)).fail).toBe(true);
  });

  test('an unreachable or refusing audit endpoint is a note, not a failure', () => {
    const refused = JSON.stringify({ message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', statusCode: 405, error: { summary: '', detail: '' } });
    expect(auditVerdict(refused)).toMatchObject({ fail: false, line: expect.stringMatching(/could not be used \(405 Method Not Allowed/) });
    expect(auditVerdict(JSON.stringify({ error: { code: 'ENOTFOUND', summary: 'request to https://registry.npmjs.org failed' } }))).toMatchObject({ fail: false });
    expect(auditVerdict('')).toMatchObject({ fail: false, line: expect.stringContaining('no readable report') });
  });
});
