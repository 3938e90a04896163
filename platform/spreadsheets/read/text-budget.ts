/**
 * Bytes of expanded text that all the parses running at once may hold, shared by every thread that parses
 * (the counter lives in a SharedArrayBuffer the import pool hands to its workers). Each file has its own cap
 * too (`maxSharedStringBytes`); this bounds the sum whatever the number of workers.
 */
export class TextBudget {
  private readonly used: Int32Array;

  /** `shared` from another thread's budget (`budget.shared`) joins that budget; none starts a new one. */
  constructor(
    readonly maxBytes: number,
    readonly shared: SharedArrayBuffer = new SharedArrayBuffer(4),
  ) {
    this.used = new Int32Array(shared);
  }

  /** Takes `bytes` if they fit (counted in KiB so that gigabytes fit an Int32). */
  reserve(bytes: number): boolean {
    const kib = Math.ceil(bytes / 1024);
    if (Atomics.add(this.used, 0, kib) + kib <= this.maxBytes / 1024) return true;
    Atomics.sub(this.used, 0, kib);
    return false;
  }

  release(bytes: number): void {
    Atomics.sub(this.used, 0, Math.ceil(bytes / 1024));
  }

  usedBytes(): number {
    return Atomics.load(this.used, 0) * 1024;
  }
}
