/**
 * Bounds on what an import reads, so that a hostile or broken file gets a clear problem within bounded
 * memory. Documented in docs/spreadsheets.md.
 */
export const LIMITS = {
  /** Bytes of one file (XLSX or CSV). */
  maxFileBytes: 512 * 1024 * 1024,
  /** Parts (entries) of an XLSX archive. */
  maxZipEntries: 10_000,
  /** Declared uncompressed bytes of all parts of an XLSX archive. */
  maxUnzippedBytes: 1024 * 1024 * 1024,
  /** Declared uncompressed bytes of one sheet's XML (a workbook is loaded whole; ~1.5 GB of memory at most). */
  maxSheetXmlBytes: 256 * 1024 * 1024,
  /** Declared compression ratio of a part larger than 1 MiB (XML compresses 5–30×). */
  maxCompressionRatio: 200,
  /** Rows of one sheet or CSV file (Excel's own maximum is 1,048,576). */
  maxRows: 1_000_000,
  /** Columns of one sheet or CSV file (Excel's own maximum is 16,384). */
  maxColumns: 512,
  /** Characters of one CSV record. */
  maxCsvRecordChars: 1_000_000,
} as const;
