/**
 * The fields of a multipart/form-data body, read with Buffer searches only. undici's `Request.formData()`
 * parses a whole body in one synchronous step (110-230 ms for a 7 MB CSV on the machines measured), which
 * holds the event loop of a server that a dozen concurrent previews must not stall (decision 024); finding
 * the boundaries with `indexOf` costs a few milliseconds and the parts stay views into the body.
 */
export interface FormPart {
  value: Buffer;
  /** Present for a file. */
  filename?: string;
}

const CRLF = Buffer.from('\r\n');
const MAX_PARTS = 16;

function boundaryOf(contentType: string | null): string | null {
  const m = /^multipart\/form-data\s*;.*?\bboundary=(?:"([^"]{1,200})"|([^\s;]{1,200}))/i.exec(contentType ?? '');
  return m ? (m[1] ?? m[2] ?? null) : null;
}

function dispositionParam(header: string, name: string): string | undefined {
  const extended = new RegExp(`;\\s*${name}\\*=(?:UTF-8|utf-8)''([^;\\s]*)`).exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!);
    } catch {
      return undefined;
    }
  }
  const quoted = new RegExp(`;\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`).exec(header);
  if (quoted) return quoted[1]!.replace(/\\(.)/g, '$1').replace(/%22/g, '"');
  return new RegExp(`;\\s*${name}=([^;\\s]+)`).exec(header)?.[1];
}

/** The parts by field name (the first of each name), or null when the body is not well-formed multipart. */
export function parseMultipart(body: Buffer, contentType: string | null): Map<string, FormPart> | null {
  const boundary = boundaryOf(contentType);
  if (!boundary) return null;
  const delimiter = Buffer.from(`--${boundary}`);
  const next = Buffer.concat([CRLF, delimiter]);
  const parts = new Map<string, FormPart>();
  let at = body.indexOf(delimiter);
  if (at < 0) return null;
  for (let count = 0; count <= MAX_PARTS; count++) {
    at += delimiter.length;
    if (body[at] === 0x2d && body[at + 1] === 0x2d) return parts;
    if (body[at] !== 0x0d || body[at + 1] !== 0x0a) return null;
    const headersEnd = body.indexOf('\r\n\r\n', at + 2);
    if (headersEnd < 0) return null;
    const headers = body.toString('utf8', at + 2, headersEnd);
    const end = body.indexOf(next, headersEnd + 4);
    if (end < 0) return null;
    const disposition = /^content-disposition:\s*form-data(.*)$/im.exec(headers)?.[1];
    const name = disposition === undefined ? undefined : dispositionParam(disposition, 'name');
    if (name === undefined) return null;
    const filename = dispositionParam(disposition!, 'filename');
    if (!parts.has(name)) parts.set(name, { value: body.subarray(headersEnd + 4, end), ...(filename !== undefined ? { filename } : {}) });
    at = end + CRLF.length;
  }
  return null;
}

/**
 * The request's body, or null once it passes `maxBytes` (read no further). With a Content-Length the buffer
 * is allocated once and filled as chunks arrive, so the copying is spread over the upload instead of done
 * at its end in one piece.
 */
export async function readBody(req: Request, maxBytes: number): Promise<Buffer | null> {
  if (!req.body) return Buffer.alloc(0);
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) return null;
  let out = Buffer.allocUnsafe(Number.isInteger(declared) && declared >= 0 ? declared : 64 * 1024);
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    if (size + value.byteLength > out.length) {
      const grown = Buffer.allocUnsafe(Math.min(maxBytes, Math.max(out.length * 2, size + value.byteLength)));
      out.copy(grown, 0, 0, size);
      out = grown;
    }
    out.set(value, size);
    size += value.byteLength;
  }
  return out.subarray(0, size);
}
