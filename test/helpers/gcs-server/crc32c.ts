/**
 * CRC32C (Castagnoli), as GCS reports it: base64 of the big-endian 32-bit checksum. Written
 * here rather than borrowed from the client so the server checks the client independently.
 */
const TABLE = buildTable();

function buildTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

export function crc32cBase64(bytes: Uint8Array): string {
  let crc = 0xffffffff;
  // An index loop: several times faster than `for…of` over a Buffer, and the server checksums every upload.
  for (let i = 0; i < bytes.length; i += 1) crc = TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  const out = Buffer.alloc(4);
  out.writeUInt32BE((crc ^ 0xffffffff) >>> 0);
  return out.toString('base64');
}
