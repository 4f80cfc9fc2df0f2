/**
 * What the GCS adapter makes of a failure that is left after the retries (issue 18): a coded
 * error naming the operation and the endpoint, with a hint for the status. The failures have the
 * shape of the client's `ApiError` (HTTP status as `code`) and of google-auth-library's errors.
 */
import { describe, expect, test } from 'vitest';
import { codedStoreFailure, type StoreOperation } from '../../../pipeline/adapters/gcs-failures.ts';
import { PublishError } from '../../../pipeline/errors.ts';

const apiError = (status: number, message: string) => Object.assign(new Error(message), { name: 'ApiError', code: status });
const request = (operation: StoreOperation, subject: string) => ({ operation, label: `${operation} ${subject}`, endpoint: 'http://127.0.0.1:4443' });

describe('codedStoreFailure', () => {
  test.for([
    [403, 'StoreRequestFailed', /roles\/storage\.objectAdmin/],
    [401, 'StoreRequestFailed', /gcloud auth application-default login/],
    [404, 'StoreRequestFailed', /bucket does not exist/],
    [400, 'StoreRequestFailed', /malformed/],
  ] as const)('HTTP %i on a write → %s with a hint matching %s', ([status, code, hint]) => {
    const error = codedStoreFailure(apiError(status, 'refused'), request('write', 'v1/a.json'));
    expect(error).toMatchObject({ code, message: `Could not write v1/a.json: the storage endpoint http://127.0.0.1:4443 answered HTTP ${status}` });
    expect(error.hint).toMatch(hint);
  });

  test('HTTP 501 names the unsupported operation and its JSON API method', () => {
    const error = codedStoreFailure(apiError(501, 'Not Implemented'), request('copy', 'builds/x/v1/a.json → v1/a.json'));
    expect(error.code).toBe('StoreOperationUnsupported');
    expect(error.message).toBe('The storage endpoint http://127.0.0.1:4443 does not implement copy (objects.rewrite; HTTP 501 Not Implemented), so it could not copy builds/x/v1/a.json → v1/a.json');
    expect(error.hint).toMatch(/file:\/\/DIR/);
  });

  test('missing credentials (no HTTP status) get the credentials hint', () => {
    const error = codedStoreFailure(new Error('Could not load the default credentials. Browse to https://cloud.google.com/docs/authentication/getting-started for more information.'), request('read', 'v1/release.json'));
    expect(error).toMatchObject({ code: 'StoreRequestFailed', message: 'Could not read v1/release.json: the storage endpoint http://127.0.0.1:4443 failed' });
    expect(error.hint).toMatch(/gcloud auth application-default login/);
  });

  test('coded errors pass through unchanged', () => {
    const coded = new PublishError('StorePreconditionFailed', 'v1/a.json changed since it was read');
    expect(codedStoreFailure(coded, request('write', 'v1/a.json'))).toBe(coded);
  });
});
