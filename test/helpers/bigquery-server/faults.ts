/**
 * Faults the loopback BigQuery server can inject, with the status codes and `reason`s BigQuery
 * uses (https://cloud.google.com/bigquery/docs/error-messages). HTTP faults answer the call with
 * an error; `drop` closes the socket without answering; `job*` faults let jobs.insert succeed but
 * fail the job itself, as BigQuery reports a job that died while running.
 */
import type { ServerResponse } from 'node:http';
import type { JobError } from './jobs.ts';

export type RouteName = 'jobs.insert' | 'jobs.get' | 'jobs.cancel' | 'jobs.query' | 'jobs.getQueryResults' | 'datasets.get';

const HTTP_FAULTS = {
  rateLimitExceeded: { status: 403, reason: 'rateLimitExceeded', message: 'Exceeded rate limits: too many api requests per user per method for this user_method.' },
  tooManyRequests: { status: 429, reason: 'rateLimitExceeded', message: 'Too many requests.' },
  backendError: { status: 503, reason: 'backendError', message: 'Backend error. Job aborted.' },
  internalError: { status: 500, reason: 'internalError', message: 'An internal error occurred and the request could not be completed.' },
  badGateway: { status: 502, reason: 'backendError', message: 'Bad gateway.' },
  accessDenied: { status: 403, reason: 'accessDenied', message: 'Access Denied: Project p: User does not have bigquery.jobs.create permission in project p.' },
  quotaExceeded: { status: 403, reason: 'quotaExceeded', message: 'Quota exceeded: Your project exceeded quota for free query bytes scanned.' },
} as const satisfies Record<string, JobError>;

const JOB_FAULTS = {
  jobBackendError: { status: 500, reason: 'backendError', message: 'Backend error. Job aborted.' },
  jobTimeout: { status: 400, reason: 'timeout', message: 'Job execution was cancelled: Job timed out after 1 sec' },
} as const satisfies Record<string, JobError>;

export type FaultKind = keyof typeof HTTP_FAULTS | keyof typeof JOB_FAULTS | 'drop';

export interface Fault {
  route: RouteName;
  kind: FaultKind;
  /** How many consecutive calls of the route it hits. @default 1 */
  times?: number;
}

export interface QueuedFault extends Fault {
  remaining: number;
  /** Set for `job*` kinds: the job is created and then fails with this error. */
  jobError?: JobError;
}

/** The first queued fault for `route`, counted down. */
export function takeFault(faults: QueuedFault[], route: RouteName): QueuedFault | undefined {
  const fault = faults.find((f) => f.route === route && f.remaining > 0);
  if (!fault) return undefined;
  fault.remaining -= 1;
  return { ...fault, ...(fault.kind in JOB_FAULTS ? { jobError: JOB_FAULTS[fault.kind as keyof typeof JOB_FAULTS] } : {}) };
}

/** Answer (or drop) the call for an HTTP fault; returns false for job faults, which the route applies. */
export function applyFault(fault: QueuedFault, res: ServerResponse): boolean {
  if (fault.kind === 'drop') {
    res.socket?.destroy();
    return true;
  }
  if (!(fault.kind in HTTP_FAULTS)) return false;
  sendError(res, HTTP_FAULTS[fault.kind as keyof typeof HTTP_FAULTS]);
  return true;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify(body));
}

/** An error in Google's JSON error format (`error.errors[].reason` is what the client exposes). */
export function sendError(res: ServerResponse, error: JobError): void {
  const { status, reason, message } = error;
  sendJson(res, status, { error: { code: status, message, errors: [{ message, domain: 'global', reason }], status: reason } });
}
