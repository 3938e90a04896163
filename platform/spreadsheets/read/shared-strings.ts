import { ImportFileError } from '@/platform/spreadsheets/read/errors';
import type { TextBudget } from '@/platform/spreadsheets/read/text-budget';

const MB = 1024 * 1024;

/**
 * A workbook's shared string table held compactly: the UTF-8 text of every string in one buffer and where
 * each starts, instead of one JS string per entry (which costs a header per string and, for most text, two
 * bytes a character). Every byte it holds counts against the file's cap and the budget of all parses at
 * once, so a table that expands to hundreds of megabytes is refused when it passes them, not when the
 * process runs out of memory. A cell decodes its string when it is read.
 */
export class SharedStrings {
  private bytes: Buffer = Buffer.alloc(64 * 1024);
  private starts: Uint32Array = new Uint32Array(1024);
  private count = 0;
  private length = 0;
  private reserved = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly budget?: TextBudget,
  ) {}

  add(text: string): void {
    const needed = this.length + Buffer.byteLength(text);
    if (needed + 4 * (this.count + 1) > this.maxBytes) {
      throw new ImportFileError('import.sharedStringsTooLarge', { maxMb: Math.round(this.maxBytes / MB) });
    }
    if (needed > this.bytes.length) this.bytes = this.grow(this.bytes, needed);
    if (this.count + 1 >= this.starts.length) this.starts = this.growStarts();
    this.starts[this.count] = this.length;
    this.length += this.bytes.write(text, this.length);
    this.count++;
    this.starts[this.count] = this.length;
  }

  get(index: number): string | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return undefined;
    return this.bytes.toString('utf8', this.starts[index], this.starts[index + 1]);
  }

  get size(): number {
    return this.count;
  }

  /** Gives the bytes back to the shared budget; the table must not be read afterwards. */
  release(): void {
    this.budget?.release(this.reserved);
    this.reserved = 0;
    this.bytes = Buffer.alloc(0);
    this.starts = new Uint32Array(1);
    this.count = this.length = 0;
  }

  private take(bytes: number): void {
    if (this.budget && !this.budget.reserve(bytes)) throw new ImportFileError('import.busy', { seconds: 30 });
    this.reserved += bytes;
  }

  private grow(old: Buffer, needed: number): Buffer {
    const size = Math.min(Math.max(needed, old.length * 2), this.maxBytes);
    this.take(size - old.length);
    const next = Buffer.allocUnsafe(size);
    old.copy(next, 0, 0, this.length);
    return next;
  }

  private growStarts(): Uint32Array {
    const next = new Uint32Array(this.starts.length * 2);
    this.take(next.byteLength - this.starts.byteLength);
    next.set(this.starts);
    return next;
  }
}
