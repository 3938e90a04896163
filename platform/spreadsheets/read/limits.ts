/** Bounds on one imported file. Every default lives here. */
export interface ImportLimits {
  /** Size of the uploaded file itself. */
  maxBytes: number;
  /** Data rows (not counting the header, the template's example row or empty rows). */
  maxRows: number;
  /** XLSX: total of the zip entries' sizes once inflated, declared and real. */
  maxUncompressedBytes: number;
  /** Characters in one cell. */
  maxCellChars: number;
  /** XLSX: files inside the zip. A workbook has a few dozen. */
  maxZipEntries: number;
  /** XLSX: inflated/compressed size of one entry past 1 MB; spreadsheet XML stays well under 100. */
  maxCompressionRatio: number;
  /**
   * XLSX: bytes the shared string table may hold once expanded (its UTF-8 text and 4 bytes an entry). A
   * workbook at the row limit with a long unique text in every row holds about 20 MB.
   */
  maxSharedStringBytes: number;
}

export const DEFAULT_LIMITS: ImportLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxRows: 100_000,
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxCellChars: 10_000,
  maxZipEntries: 2_000,
  maxCompressionRatio: 200,
  maxSharedStringBytes: 48 * 1024 * 1024,
};

export function resolveLimits(limits: Partial<ImportLimits> = {}): ImportLimits {
  return { ...DEFAULT_LIMITS, ...limits };
}

/** The upload request as a whole: one file of the largest size plus its multipart envelope and form fields. */
export const MAX_UPLOAD_REQUEST_BYTES = DEFAULT_LIMITS.maxBytes + 64 * 1024;
