/**
 * The traversal guard: turns a raw request target into a safe, decoded tree path or refuses it.
 *
 * Only manifest-listed files are ever served, so a refused path could not leak a file anyway;
 * refusing with 400 keeps probes out of the lookup entirely and makes the intent explicit.
 * The checks run on the raw text first (so an encoded `/`, `\` or NUL cannot hide inside a
 * segment) and on the decoded path again (so `%2e%2e` is seen as `..`).
 */

export type RequestPathResult = { ok: true; pathname: string } | { ok: false; reason: string };

/** Encoded `/`, `\` and NUL: never legitimate in a tree path. */
const FORBIDDEN_ENCODED = /%(2f|5c|00)/i;
/** Backslash and control characters (NUL included): never part of a tree path, raw or decoded. */
export const UNSAFE_PATH_CHARACTERS = /[\\\u0000-\u001f\u007f]/;

/** Parses the path of `request.url` (query string dropped). */
export function parseRequestPath(rawUrl: string | undefined): RequestPathResult {
  const raw = (rawUrl ?? '').split(/[?#]/, 1)[0] ?? '';
  if (!raw.startsWith('/')) return refuse('the request target must be an absolute path');
  if (FORBIDDEN_ENCODED.test(raw)) return refuse('encoded slashes, backslashes and NUL are not allowed');
  let pathname: string;
  try {
    pathname = decodeURIComponent(raw);
  } catch {
    return refuse('the path is not valid percent-encoding');
  }
  if (UNSAFE_PATH_CHARACTERS.test(pathname) || UNSAFE_PATH_CHARACTERS.test(raw)) return refuse('backslashes and control characters are not allowed');
  const segments = pathname.split('/');
  if (segments.includes('..') || segments.includes('.')) return refuse('`.` and `..` segments are not allowed');
  return { ok: true, pathname };
}

function refuse(reason: string): RequestPathResult {
  return { ok: false, reason };
}
