/**
 * What the GCS adapter makes of `@google-cloud/storage` failures.
 *
 * Inside one attempt, the answers the publish protocol acts on: 404 is an absent object, 412 is
 * `StorePreconditionFailed`, a missing copy source is `StoreObjectNotFound`. Transient failures
 * are left to `withRetry`. Whatever else comes out of the retries (an HTTP answer that is not
 * transient, or anything uncoded) becomes a coded error naming the operation and the endpoint:
 * 501 is `StoreOperationUnsupported` (an emulator lacking part of the JSON API), the rest
 * `StoreRequestFailed` with a hint for the status.
 */
import { ExportError, PublishError } from '../errors.ts';
import { statusOf } from '../publish/retry.ts';

/** The `ObjectStore` operations, each one JSON API method. */
export type StoreOperation = 'stat' | 'read' | 'list' | 'write' | 'copy' | 'delete';

const API_METHODS: Record<StoreOperation, string> = {
  stat: 'objects.get',
  read: 'objects.get with alt=media',
  list: 'objects.list',
  write: 'objects.insert',
  copy: 'objects.rewrite',
  delete: 'objects.delete',
};

export interface FailedRequest {
  operation: StoreOperation;
  /** `copy builds/…/a.json → v1/a.json`: the operation with its object names. */
  label: string;
  /** The API endpoint the client talks to. */
  endpoint: string;
}

const STATUS_HINTS: Record<number, string> = {
  400: 'The endpoint refused the request as malformed: check the bucket name and the object name above.',
  401: 'The credentials were refused: run `gcloud auth application-default login`, or check the service account the job runs as.',
  403: 'The credentials lack access: the publisher needs roles/storage.objectAdmin on the bucket (docs/operations.md lists the roles).',
  404: 'The bucket does not exist at this endpoint: check `--bucket gs://NAME` (and `--endpoint`).',
};
const DEFAULT_HINT = 'Check the bucket URL and the endpoint, then run the same command again; a publish resumes where it stopped.';

/** A failure out of `withRetry` as a coded error (coded errors pass through unchanged). */
export function codedStoreFailure(error: unknown, request: FailedRequest): ExportError {
  if (error instanceof ExportError) return error;
  const status = statusOf(error);
  if (status === 501) {
    return new PublishError('StoreOperationUnsupported', `The storage endpoint ${request.endpoint} does not implement ${request.operation} (${API_METHODS[request.operation]}; HTTP 501 Not Implemented), so it could not ${request.label}`, {
      cause: error,
      hint: `The endpoint is an emulator or proxy without ${API_METHODS[request.operation]}. Publish to GCS itself (no \`--endpoint\`), to an emulator that implements it, or try a publish locally with a \`file://DIR\` bucket.`,
    });
  }
  const answer = status === undefined ? 'failed' : `answered HTTP ${status}`;
  return new PublishError('StoreRequestFailed', `Could not ${request.label}: the storage endpoint ${request.endpoint} ${answer}`, { cause: error, hint: hintFor(status, error) });
}

/** Credentials fail before any request is sent (no status): google-auth-library says so in its message. */
const CREDENTIALS_FAILURE = /credentials|access token|invalid_grant|unauthorized_client/i;

function hintFor(status: number | undefined, error: unknown): string {
  if (status !== undefined) return STATUS_HINTS[status] ?? DEFAULT_HINT;
  return error instanceof Error && CREDENTIALS_FAILURE.test(error.message) ? STATUS_HINTS[401]! : DEFAULT_HINT;
}

export function nullOn404(error: unknown): [null] {
  if (statusOf(error) === 404) return [null];
  throw error;
}

/** 412 → `StorePreconditionFailed`; a missing copy source → `StoreObjectNotFound`; others unchanged (retry decides). */
export function mapFailure(name: string, source?: string) {
  return (error: unknown): never => {
    const status = statusOf(error);
    if (status === 412) throw new PublishError('StorePreconditionFailed', `${name} changed since it was read (generation precondition failed)`, { outputPath: name, cause: error });
    if (status === 404 && source !== undefined) throw new PublishError('StoreObjectNotFound', `Cannot copy ${source}: it does not exist`, { outputPath: source, cause: error });
    throw error;
  };
}
