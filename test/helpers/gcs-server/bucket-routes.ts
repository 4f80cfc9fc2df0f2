/**
 * Bucket routes: get and patch (CORS, lifecycle, IAM configuration… with `ifMetagenerationMatch`)
 * and the IAM policy (get / set with etag check).
 */
import { randomUUID } from 'node:crypto';
import { HttpError, type GcsState, type ServerBucket } from './gcs-state.ts';
import { bucketResource } from './object-resource.ts';
import { json, parseJsonBody, type ParsedRequest, type PreparedOperation } from './routes.ts';

/** Fields a bucket patch may not change. */
const READ_ONLY_FIELDS = new Set(['kind', 'id', 'name', 'metageneration', 'location', 'timeCreated', 'updated', 'etag', 'projectNumber']);

/** `segments` is `['b', bucket]` or `['b', bucket, 'iam']`. */
export function routeBucket(state: GcsState, request: ParsedRequest): PreparedOperation {
  const bucketName = request.segments[1] ?? '';
  const target = { bucket: bucketName };
  if (request.segments[2] === 'iam') {
    if (request.method === 'GET') return { operation: 'buckets.getIamPolicy', mutating: false, ...target, apply: () => json({ kind: 'storage#policy', resourceId: `projects/_/buckets/${bucketName}`, ...state.bucket(bucketName).iamPolicy }) };
    if (request.method === 'PUT') return { operation: 'buckets.setIamPolicy', mutating: true, ...target, apply: () => setPolicy(state.bucket(bucketName), parseJsonBody(request.body)) };
    throw new HttpError(405, `${request.method} is not supported on a bucket IAM policy`);
  }
  if (request.segments.length !== 2) throw new HttpError(404, `Unknown path ${request.url.pathname}`, 'notFound');
  if (request.method === 'GET') return { operation: 'buckets.get', mutating: false, ...target, apply: () => json(bucketResource(state.bucket(bucketName))) };
  if (request.method === 'PATCH') {
    const patch = parseJsonBody(request.body);
    return {
      operation: 'buckets.patch',
      mutating: true,
      ...target,
      apply: () => {
        const bucket = state.bucket(bucketName);
        const expected = request.url.searchParams.get('ifMetagenerationMatch');
        if (expected !== null && expected !== String(bucket.metageneration)) throw new HttpError(412, 'Bucket metageneration does not match', 'conditionNotMet');
        for (const [key, value] of Object.entries(patch)) {
          if (READ_ONLY_FIELDS.has(key)) continue;
          if (value === null) delete bucket.fields[key];
          else bucket.fields[key] = value;
        }
        bucket.metageneration += 1;
        return json(bucketResource(bucket));
      },
    };
  }
  throw new HttpError(405, `${request.method} is not supported on a bucket`);
}

function setPolicy(bucket: ServerBucket, body: Record<string, unknown>) {
  if (typeof body.etag === 'string' && body.etag !== bucket.iamPolicy.etag) throw new HttpError(412, 'IAM policy etag does not match', 'conditionNotMet');
  const bindings = Array.isArray(body.bindings) ? (body.bindings as ServerBucket['iamPolicy']['bindings']) : [];
  bucket.iamPolicy = { version: 1, etag: Buffer.from(randomUUID()).toString('base64'), bindings };
  return json({ kind: 'storage#policy', resourceId: `projects/_/buckets/${bucket.name}`, ...bucket.iamPolicy });
}
