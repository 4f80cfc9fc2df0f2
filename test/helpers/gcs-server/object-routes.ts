/**
 * Object routes of the JSON API: list, get (metadata or `alt=media`), patch, delete, and
 * rewrite/copy. Downloads follow GCS's transcoding rule: a gzip-stored object is sent as stored
 * with `Content-Encoding: gzip` when the client accepts gzip, and decompressed otherwise.
 */
import { gunzipSync } from 'node:zlib';
import { checkPreconditions, cleanHeaders, HttpError, preconditionsFrom, type GcsState, type ObjectHeaders, type ServerObject } from './gcs-state.ts';
import { objectResource } from './object-resource.ts';
import { header, json, parseJsonBody, type ParsedRequest, type PreparedOperation, type Reply } from './routes.ts';

const DEFAULT_PAGE_SIZE = 1000;

/** `segments` is `['b', bucket, 'o', ...rest]`. */
export function routeObject(state: GcsState, request: ParsedRequest): PreparedOperation {
  const [, bucket = '', , name, verb, , destBucket, , destName] = request.segments;
  const { method, url } = request;
  const target = { bucket, ...(name === undefined ? {} : { object: name }) };
  if (name === undefined) {
    if (method === 'GET') return { operation: 'objects.list', mutating: false, ...target, apply: () => listObjects(state, bucket, url) };
    throw new HttpError(405, `${method} is not supported on an object collection`);
  }
  if (verb === 'rewriteTo' || verb === 'copyTo') {
    if (method !== 'POST' || destBucket === undefined || destName === undefined) throw new HttpError(400, 'Malformed rewrite request');
    const operation = verb === 'rewriteTo' ? 'objects.rewrite' : 'objects.copy';
    return { operation, mutating: true, bucket: destBucket, object: destName, apply: () => rewrite(state, request, { bucket, name }, { bucket: destBucket, name: destName }) };
  }
  const p = preconditionsFrom(url.searchParams);
  switch (method) {
    case 'GET':
      if (url.searchParams.get('alt') === 'media') return { operation: 'objects.download', mutating: false, ...target, apply: () => download(state, request, bucket, name) };
      return {
        operation: 'objects.get',
        mutating: false,
        ...target,
        apply: () => {
          const object = state.object(bucket, name);
          checkPreconditions(object, p, true);
          return json(objectResource(object, request.baseUrl));
        },
      };
    case 'PATCH':
      return { operation: 'objects.patch', mutating: true, ...target, apply: () => json(objectResource(state.patchObject(bucket, name, parseJsonBody(request.body), p), request.baseUrl)) };
    case 'DELETE':
      return { operation: 'objects.delete', mutating: true, ...target, apply: () => (state.deleteObject(bucket, name, p), { status: 204 }) };
    default:
      throw new HttpError(405, `${method} is not supported on an object`);
  }
}

function listObjects(state: GcsState, bucketName: string, url: URL): Reply {
  const prefix = url.searchParams.get('prefix') ?? '';
  const delimiter = url.searchParams.get('delimiter') ?? '';
  const pageSize = Math.max(1, Math.min(Number(url.searchParams.get('maxResults') ?? DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE, DEFAULT_PAGE_SIZE));
  const after = url.searchParams.get('pageToken') ? Buffer.from(url.searchParams.get('pageToken')!, 'base64url').toString('utf8') : undefined;
  // One sorted sequence of entries (objects and common prefixes), paged together as GCS does.
  const entries = new Map<string, ServerObject | null>();
  for (const [name, object] of state.bucket(bucketName).objects) {
    if (!name.startsWith(prefix)) continue;
    const cut = delimiter ? name.indexOf(delimiter, prefix.length) : -1;
    if (cut >= 0) entries.set(name.slice(0, cut + delimiter.length), null);
    else entries.set(name, object);
  }
  const keys = [...entries.keys()].sort().filter((key) => after === undefined || key > after);
  const page = keys.slice(0, pageSize);
  const items = page.map((key) => entries.get(key)).filter((o): o is ServerObject => o !== null && o !== undefined);
  const prefixes = page.filter((key) => entries.get(key) === null);
  const more = keys.length > page.length;
  return json({
    kind: 'storage#objects',
    ...(items.length > 0 ? { items: items.map((o) => objectResource(o, url.origin)) } : {}),
    ...(prefixes.length > 0 ? { prefixes } : {}),
    ...(more ? { nextPageToken: Buffer.from(page.at(-1)!, 'utf8').toString('base64url') } : {}),
  });
}

function download(state: GcsState, request: ParsedRequest, bucket: string, name: string): Reply {
  const object = state.object(bucket, name);
  checkPreconditions(object, preconditionsFrom(request.url.searchParams), true);
  const generation = request.url.searchParams.get('generation');
  if (generation !== null && generation !== object.generation) throw new HttpError(404, `No such object: ${bucket}/${name}#${generation}`, 'notFound');
  const gzipStored = object.contentEncoding === 'gzip';
  const sendStored = !gzipStored || /\bgzip\b/.test(header(request, 'accept-encoding') ?? '');
  const headers: Record<string, string> = {
    'content-type': object.contentType ?? 'application/octet-stream',
    'x-goog-generation': object.generation,
    'x-goog-metageneration': String(object.metageneration),
    'x-goog-stored-content-encoding': object.contentEncoding ?? 'identity',
    'x-goog-stored-content-length': String(object.bytes.length),
    'x-goog-hash': `crc32c=${object.crc32c},md5=${object.md5Hash}`,
    etag: `"${object.md5Hash}"`,
  };
  if (object.cacheControl !== undefined) headers['cache-control'] = object.cacheControl;
  if (gzipStored && sendStored) headers['content-encoding'] = 'gzip';
  for (const [key, value] of Object.entries(object.metadata ?? {})) headers[`x-goog-meta-${key}`] = value;
  return { status: 200, headers, body: sendStored ? object.bytes : gunzipSync(object.bytes) };
}

/**
 * Server-side copy. The destination takes the source's headers, overridden field by field by
 * the request body's object resource (the body's `metadata` map replaces the source's whole).
 */
function rewrite(state: GcsState, request: ParsedRequest, source: { bucket: string; name: string }, dest: { bucket: string; name: string }): Reply {
  const from = state.object(source.bucket, source.name);
  checkPreconditions(from, preconditionsFrom(request.url.searchParams, true));
  const sourceGeneration = request.url.searchParams.get('sourceGeneration');
  if (sourceGeneration !== null && sourceGeneration !== from.generation) throw new HttpError(404, `No such object: ${source.bucket}/${source.name}#${sourceGeneration}`, 'notFound');
  const overrides = cleanHeaders(parseJsonBody(request.body) as ObjectHeaders);
  const headers: ObjectHeaders = { ...cleanHeaders(from), ...overrides };
  const written = state.putObject(dest.bucket, dest.name, from.bytes, headers, preconditionsFrom(request.url.searchParams));
  const resource = objectResource(written, request.baseUrl);
  if (request.segments[4] === 'copyTo') return json(resource);
  const size = String(written.bytes.length);
  return json({ kind: 'storage#rewriteResponse', totalBytesRewritten: size, objectSize: size, done: true, resource });
}
