import { constants, crc32, deflateRawSync } from 'node:zlib';

// A kept page differs between answers only in its nonce, so its compressed form is made once: each piece
// between two nonces is deflated on its own, ending in a full flush (byte-aligned, no back-reference into
// the next piece), and every answer joins those pieces with its nonce as a stored (uncompressed) deflate
// block, inside a gzip member whose checksum is computed over the joined text (RFC 1951 §3.2.4, RFC 1952).
// Compressing the whole page for every answer was about half of a kept page's cost (decision 021).

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** An empty stored block marked final: the deflate stream ends here. */
const FINAL_BLOCK = Buffer.from([1, 0, 0, 0xff, 0xff]);
const MAX_STORED = 0xffff;

/** Each piece deflated on its own, byte-aligned at its end; made once per kept page. */
export function deflatePieces(pieces: readonly Buffer[]): Buffer[] {
  const deflated = pieces.map((piece) => deflateRawSync(piece, { level: 6, finishFlush: constants.Z_FULL_FLUSH }));
  // Packed into one allocation of exactly their size: a small result is a view of zlib's 16 KB output chunk,
  // which it would otherwise keep alive, and the store counts only the bytes it holds.
  const packed = Buffer.allocUnsafeSlow(deflated.reduce((n, d) => n + d.length, 0));
  let at = 0;
  return deflated.map((d) => {
    d.copy(packed, at);
    at += d.length;
    return packed.subarray(at - d.length, at);
  });
}

/** A non-final stored block holding `bytes` verbatim. */
function storedBlock(bytes: Buffer): Buffer {
  if (bytes.length > MAX_STORED) throw new RangeError('a stored block holds at most 65,535 bytes');
  const out = Buffer.allocUnsafe(5 + bytes.length);
  out[0] = 0; // BFINAL 0, BTYPE 00 (stored), then padding to the byte: we are byte-aligned already
  out.writeUInt16LE(bytes.length, 1);
  out.writeUInt16LE(~bytes.length & 0xffff, 3);
  bytes.copy(out, 5);
  return out;
}

/**
 * The gzip encoding of `pieces` joined by `glue`, from the pieces' deflated forms (`deflatePieces`):
 * equal to gunzip's input for `Buffer.concat(pieces with glue between)`.
 */
export function gzipJoined(pieces: readonly Buffer[], deflated: readonly Buffer[], glue: Buffer): Buffer {
  const glueBlock = storedBlock(glue);
  const parts: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  let size = 0;
  pieces.forEach((piece, i) => {
    if (i > 0) {
      parts.push(glueBlock);
      crc = crc32(glue, crc);
      size += glue.length;
    }
    parts.push(deflated[i]!);
    crc = crc32(piece, crc);
    size += piece.length;
  });
  const trailer = Buffer.allocUnsafe(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size >>> 0, 4); // ISIZE: the length modulo 2^32
  parts.push(FINAL_BLOCK, trailer);
  return Buffer.concat(parts);
}
