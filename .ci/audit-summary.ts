/**
 * CI: the verdict on `npm audit --omit=dev --json` (read from stdin). Prints one line and exits 1
 * only when a production dependency has a high or critical advisory. When the registry's audit
 * endpoint cannot be reached or answers with an error (offline runner, a mirror without the audit
 * API), it prints a note and exits 0: the audit is then not evidence either way.
 *
 * Usage: npm audit --omit=dev --json | node --import tsx .ci/audit-summary.ts
 */
export interface AuditVerdict {
  line: string;
  fail: boolean;
}

type Counts = Partial<Record<'info' | 'low' | 'moderate' | 'high' | 'critical' | 'total', number>>;

export function auditVerdict(text: string): AuditVerdict {
  let report: { metadata?: { vulnerabilities?: Counts }; error?: { code?: string; summary?: string }; message?: string; statusCode?: number };
  try {
    report = JSON.parse(text) as typeof report;
  } catch {
    return { line: 'npm audit: no readable report (the audit endpoint could not be reached?); not counted', fail: false };
  }
  const counts = report.metadata?.vulnerabilities;
  if (!counts) {
    const why = report.message ?? report.error?.summary ?? report.error?.code ?? (report.statusCode ? `HTTP ${report.statusCode}` : 'no report');
    return { line: `npm audit: the registry's audit endpoint could not be used (${why.split('\n')[0]}); not counted`, fail: false };
  }
  const n = (key: keyof Counts) => counts[key] ?? 0;
  const serious = n('high') + n('critical');
  const line = `npm audit (production dependencies): ${n('critical')} critical, ${n('high')} high, ${n('moderate')} moderate, ${n('low')} low${serious > 0 ? ' — high or critical advisories fail CI' : ''}`;
  return { line, fail: serious > 0 };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const verdict = auditVerdict(Buffer.concat(chunks).toString('utf8'));
  console.log(verdict.line);
  process.exitCode = verdict.fail ? 1 : 0;
}
