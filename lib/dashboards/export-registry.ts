import type { ExportableTable } from '@/lib/export/tables';

/**
 * Every table that offers "export XLSX", by the name used in its download address `/export/<name>`.
 * Add an entry when a page gains a table.
 */
export const exportableTables: Record<string, ExportableTable> = {};
