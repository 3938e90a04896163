import { createInflateRaw } from 'node:zlib';
import { ImportFileError } from '@/platform/spreadsheets/read/errors';
import type { ImportLimits } from '@/platform/spreadsheets/read/limits';

/*
 * A zip reader for the few entries of an XLSX we read, built so a hostile file cannot exhaust memory:
 * the central directory is checked first (entry count, declared sizes, ratio, overlapping entries), then
 * each entry is inflated as a stream that is cut off as soon as it passes its declared size or the budget,
 * whatever the headers claimed. Nothing is handed to a third-party unzipper.
 */

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const RATIO_GRACE_BYTES = 1024 * 1024;

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
  /** Where the entry's data starts, after its local header. */
  dataStart: number;
}

const notSpreadsheet = () => new ImportFileError('import.notSpreadsheet');
const zipBomb = () => new ImportFileError('import.zipBomb');

function findEndOfCentralDirectory(buf: Buffer): number {
  const earliest = Math.max(0, buf.length - 22 - 0xffff);
  for (let at = buf.length - 22; at >= earliest; at--) {
    if (buf.readUInt32LE(at) === EOCD) return at;
  }
  throw notSpreadsheet();
}

function readBig(buf: Buffer, at: number): number {
  const value = buf.readBigUInt64LE(at);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw notSpreadsheet();
  return Number(value);
}

/** Lists the entries of a zip from its central directory and refuses one that could not be read safely. */
export function readZipDirectory(buf: Buffer, limits: ImportLimits): Map<string, ZipEntry> {
  if (buf.length < 22) throw notSpreadsheet();
  const eocd = findEndOfCentralDirectory(buf);
  let count = buf.readUInt16LE(eocd + 10);
  let dirSize = buf.readUInt32LE(eocd + 12);
  let dirOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || buf.readUInt32LE(locator) !== EOCD64_LOCATOR) throw notSpreadsheet();
    const eocd64 = readBig(buf, locator + 8);
    if (eocd64 + 56 > buf.length || buf.readUInt32LE(eocd64) !== EOCD64) throw notSpreadsheet();
    count = readBig(buf, eocd64 + 32);
    dirSize = readBig(buf, eocd64 + 40);
    dirOffset = readBig(buf, eocd64 + 48);
  }
  if (count > limits.maxZipEntries) throw zipBomb();
  if (dirOffset + dirSize > buf.length) throw notSpreadsheet();

  const entries = new Map<string, ZipEntry>();
  const all: ZipEntry[] = [];
  let declaredTotal = 0;
  let at = dirOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) throw notSpreadsheet();
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    let compressedSize = buf.readUInt32LE(at + 20);
    let uncompressedSize = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    let localOffset = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    const extra = buf.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
    if (uncompressedSize === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      ({ uncompressedSize, compressedSize, localOffset } = readZip64Extra(extra, uncompressedSize, compressedSize, localOffset));
    }
    at += 46 + nameLength + extraLength + commentLength;

    if (flags & 1) throw new ImportFileError('import.legacyOrEncrypted');
    declaredTotal += uncompressedSize;
    if (declaredTotal > limits.maxUncompressedBytes) throw zipBomb();
    if (uncompressedSize > RATIO_GRACE_BYTES && uncompressedSize > compressedSize * limits.maxCompressionRatio) throw zipBomb();
    if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== LOCAL) throw notSpreadsheet();
    const dataStart = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    if (dataStart + compressedSize > buf.length) throw notSpreadsheet();
    const entry = { name, method, compressedSize, uncompressedSize, localOffset, dataStart };
    all.push(entry);
    if (!entries.has(name)) entries.set(name, entry);
  }
  refuseOverlaps(all);
  return entries;
}

function readZip64Extra(extra: Buffer, uncompressed: number, compressed: number, offset: number) {
  let at = 0;
  while (at + 4 <= extra.length) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      const next = () => {
        if (field + 8 > at + 4 + size) throw notSpreadsheet();
        const value = readBig(extra, field);
        field += 8;
        return value;
      };
      return {
        uncompressedSize: uncompressed === 0xffffffff ? next() : uncompressed,
        compressedSize: compressed === 0xffffffff ? next() : compressed,
        localOffset: offset === 0xffffffff ? next() : offset,
      };
    }
    at += 4 + size;
  }
  throw notSpreadsheet();
}

/** Overlapping entries are how "non-recursive" zip bombs reuse one compressed kernel many times. */
function refuseOverlaps(entries: ZipEntry[]) {
  const sorted = entries.slice().sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 1; i < sorted.length; i++) {
    const before = sorted[i - 1]!;
    if (before.dataStart + before.compressedSize > sorted[i]!.localOffset) throw zipBomb();
  }
}

/** Counts inflated bytes across every entry read from one file. */
export class InflateBudget {
  private used = 0;
  constructor(private readonly max: number) {}

  take(bytes: number) {
    this.used += bytes;
    if (this.used > this.max) throw zipBomb();
  }
}

/**
 * Yields an entry's inflated bytes in small chunks. Stops with a zip-bomb error once the real output passes
 * the entry's declared size, the compression ratio or the file's budget, so a lying header costs at most one
 * chunk beyond the limit.
 */
export async function* inflateEntry(buf: Buffer, entry: ZipEntry, budget: InflateBudget, limits: ImportLimits): AsyncGenerator<Buffer> {
  const data = buf.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) throw notSpreadsheet();
    budget.take(data.length);
    for (let at = 0; at < data.length; at += 1 << 16) yield data.subarray(at, at + (1 << 16));
    return;
  }
  if (entry.method !== 8) throw notSpreadsheet();
  const inflater = createInflateRaw({ chunkSize: 1 << 16 });
  inflater.end(data);
  let produced = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      produced += chunk.length;
      if (produced > entry.uncompressedSize) throw zipBomb();
      if (produced > RATIO_GRACE_BYTES && produced > entry.compressedSize * limits.maxCompressionRatio) throw zipBomb();
      budget.take(chunk.length);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw notSpreadsheet();
  } finally {
    inflater.destroy();
  }
  if (produced !== entry.uncompressedSize) throw notSpreadsheet();
}
