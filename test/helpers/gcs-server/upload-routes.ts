/**
 * Upload routes: `uploadType=multipart` (metadata part + media part), `uploadType=media`, and
 * resumable sessions (POST opens a session and answers with its URI in `Location`; PUTs carry
 * `Content-Range` chunks; `bytes *\/*` asks for the status; 308 + `Range` means "send more").
 *
 * The object appears only when the last byte arrives, so a killed upload leaves nothing. A given
 * `md5Hash`/`crc32c` in the metadata or an `X-Goog-Hash` header is checked, as GCS does, and a
 * mismatch is a 400 with nothing stored.
 */
import { createHash, randomUUID } from 'node:crypto';
import { crc32cBase64 } from './crc32c.ts';
import { cleanHeaders, HttpError, preconditionsFrom, type GcsState, type ObjectHeaders, type Preconditions } from './gcs-state.ts';
import { objectResource } from './object-resource.ts';
import { header, json, parseJsonBody, type ParsedRequest, type PreparedOperation, type Reply } from './routes.ts';

interface ResumableSession {
  bucket: string;
  name: string;
  headers: ObjectHeaders;
  preconditions: Preconditions;
  chunks: Buffer[];
  received: number;
  done?: Record<string, unknown>;
}

export type UploadSessions = Map<string, ResumableSession>;

/** `segments` is `['upload', 'b', bucket, 'o']`. */
export function routeUpload(state: GcsState, sessions: UploadSessions, request: ParsedRequest): PreparedOperation {
  const bucket = request.segments[2] ?? '';
  const { searchParams } = request.url;
  const uploadType = searchParams.get('uploadType');
  const name = searchParams.get('name') ?? undefined;
  if (request.method === 'PUT' && searchParams.has('upload_id')) {
    const session = sessions.get(searchParams.get('upload_id')!);
    if (!session) throw new HttpError(404, 'No such upload session', 'notFound');
    return { operation: 'objects.insert.resumable-chunk', mutating: true, bucket, object: session.name, apply: () => resumableChunk(state, session, request) };
  }
  if (request.method !== 'POST') throw new HttpError(405, `${request.method} is not supported for uploads`);
  if (uploadType === 'resumable') {
    const metadata = parseJsonBody(request.body);
    const objectName = name ?? String(metadata.name ?? '');
    const contentType = header(request, 'x-upload-content-type');
    return {
      operation: 'objects.insert.resumable-start',
      mutating: false,
      bucket,
      object: objectName,
      apply: () => startSession(state, sessions, request, { bucket, name: objectName, headers: { ...(contentType ? { contentType } : {}), ...cleanHeaders(metadata as ObjectHeaders) } }),
    };
  }
  const { metadata, media } = uploadType === 'multipart' ? splitMultipart(request) : { metadata: {}, media: request.body };
  const objectName = name ?? String(metadata.name ?? '');
  if (!objectName) throw new HttpError(400, 'Missing object name', 'required');
  const headers = { ...(uploadType === 'media' ? { contentType: header(request, 'content-type') } : {}), ...cleanHeaders(metadata as ObjectHeaders) };
  return {
    operation: 'objects.insert',
    mutating: true,
    bucket,
    object: objectName,
    apply: () => {
      verifyHashes(media, metadata, undefined);
      return json(objectResource(state.putObject(bucket, objectName, media, headers, preconditionsFrom(searchParams)), request.baseUrl));
    },
  };
}

function startSession(state: GcsState, sessions: UploadSessions, request: ParsedRequest, target: { bucket: string; name: string; headers: ObjectHeaders }): Reply {
  state.bucket(target.bucket);
  const id = randomUUID();
  const preconditions = preconditionsFrom(request.url.searchParams);
  sessions.set(id, { ...target, preconditions, chunks: [], received: 0 });
  const location = new URL(`/upload/storage/v1/b/${target.bucket}/o`, request.baseUrl);
  location.searchParams.set('uploadType', 'resumable');
  location.searchParams.set('name', target.name);
  location.searchParams.set('upload_id', id);
  return { status: 200, headers: { location: location.href }, body: '' };
}

/** `Content-Range: bytes A-B/T`, `bytes A-*\/T`, `bytes *\/T` (status query); T may be `*`. */
function resumableChunk(state: GcsState, session: ResumableSession, request: ParsedRequest): Reply {
  if (session.done) return json(session.done);
  const range = /^bytes (\*|(\d+)-(\d+|\*))\/(\d+|\*)$/.exec(header(request, 'content-range') ?? 'bytes */*');
  if (!range) throw new HttpError(400, 'Malformed Content-Range');
  const [, , startText, , totalText] = range;
  if (startText !== undefined) {
    const start = Number(startText);
    if (start > session.received) throw new HttpError(400, `Chunk starts at ${start} but only ${session.received} bytes were received`);
    const fresh = request.body.subarray(session.received - start);
    session.chunks.push(fresh);
    session.received += fresh.length;
  }
  const total = totalText === '*' ? (range[3] === '*' ? session.received : undefined) : Number(totalText);
  if (total === undefined || session.received < total) {
    return { status: 308, headers: session.received > 0 ? { range: `bytes=0-${session.received - 1}` } : {}, body: '' };
  }
  const media = Buffer.concat(session.chunks);
  verifyHashes(media, session.headers as Record<string, unknown>, header(request, 'x-goog-hash'));
  const written = state.putObject(session.bucket, session.name, media, session.headers, session.preconditions);
  session.done = objectResource(written, request.baseUrl);
  return json(session.done);
}

function splitMultipart(request: ParsedRequest): { metadata: Record<string, unknown>; media: Buffer } {
  const boundary = /boundary="?([^";]+)"?/.exec(header(request, 'content-type') ?? '')?.[1];
  if (!boundary) throw new HttpError(400, 'Multipart upload without a boundary');
  const parts: Buffer[] = [];
  const delimiter = Buffer.from(`--${boundary}`);
  let at = request.body.indexOf(delimiter);
  while (at >= 0) {
    const next = request.body.indexOf(delimiter, at + delimiter.length);
    if (next < 0) break;
    const part = request.body.subarray(at + delimiter.length, next);
    const bodyStart = part.indexOf('\r\n\r\n');
    // Each part is `\r\n<headers>\r\n\r\n<body>\r\n`.
    if (bodyStart >= 0) parts.push(part.subarray(bodyStart + 4, part.length - 2));
    at = next;
  }
  if (parts.length !== 2) throw new HttpError(400, `Expected 2 multipart parts, got ${parts.length}`);
  return { metadata: parseJsonBody(parts[0]!), media: parts[1]! };
}

function verifyHashes(media: Buffer, metadata: Record<string, unknown>, hashHeader: string | undefined): void {
  const fromHeader = Object.fromEntries((hashHeader ?? '').split(',').filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
  const md5 = (metadata.md5Hash as string | undefined) ?? fromHeader.md5;
  const crc32c = (metadata.crc32c as string | undefined) ?? fromHeader.crc32c;
  if (md5 !== undefined && md5 !== createHash('md5').update(media).digest('base64')) throw new HttpError(400, 'Provided MD5 hash does not match the uploaded data', 'invalid');
  if (crc32c !== undefined && crc32c !== crc32cBase64(media)) throw new HttpError(400, 'Provided CRC32C does not match the uploaded data', 'invalid');
}
