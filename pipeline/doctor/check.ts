/**
 * The shape of a `props-api doctor` finding and the helpers every check uses: one result per line,
 * `ok`, `warn` or `fail`; a warn or fail carries a permanent code from the error catalogue and a
 * hint saying what to do. A check never throws: a foreign error (an API answer, a timeout) becomes
 * a `fail` line with the error's message, and no stack trace ever reaches the output.
 */
import { ExportError, type ErrorCode } from '../errors.ts';

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface CheckResult {
  /** Permanent check id, e.g. `bigquery.columns`, `bucket.cors`. */
  check: string;
  status: CheckStatus;
  message: string;
  /** Set on warn and fail. */
  code?: ErrorCode;
  hint?: string;
}

export const ok = (check: string, message: string): CheckResult => ({ check, status: 'ok', message });

export function problem(status: 'warn' | 'fail', check: string, code: ErrorCode, message: string, hint: string): CheckResult {
  return { check, status, code, message, hint };
}

/** The first line of an error's message, without any key or stack. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.trim();
}

/** A check's error as a `fail` line: an ExportError keeps its code and hint. */
export function failureOf(check: string, error: unknown, hint: string): CheckResult {
  if (error instanceof ExportError) return problem('fail', check, error.code, firstLine(error), error.hint ?? hint);
  return problem('fail', check, 'DoctorCheckFailed', firstLine(error), hint);
}

/** Time each group of checks may take before it is reported as failed (Google auth probes included). */
export const CHECK_TIMEOUT_MS = 20_000;

/**
 * Runs one group of checks under a time limit; a throw or a timeout becomes one `fail` line for
 * `check`, so the doctor always ends and always prints.
 */
export async function runChecks(check: string, hint: string, run: () => Promise<CheckResult[]>, timeoutMs = CHECK_TIMEOUT_MS): Promise<CheckResult[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([run(), timeout]);
  } catch (error) {
    return [failureOf(check, error, hint)];
  } finally {
    clearTimeout(timer);
  }
}

const WIDTH = 22;

/** One line per result: `ok   check   message`; warn and fail add `[Code]` before and the hint after. */
export function formatResults(results: readonly CheckResult[]): string {
  return results.map((r) => {
    const head = `${r.status.padEnd(4)} ${r.check.padEnd(WIDTH)} `;
    return r.status === 'ok' ? `${head}${r.message}` : `${head}[${r.code}] ${r.message} (hint: ${r.hint})`;
  }).join('\n');
}
