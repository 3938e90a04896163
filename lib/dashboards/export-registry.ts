import type { ExportableTable } from '@/lib/export/tables';
import { instituteHeatmapExport } from './institute-heatmap-view';
import { calendarExport, dimensionExport, matrixExport } from './grid-views';

/**
 * Every table that offers "export XLSX", by the name used in its download address `/export/<name>`.
 * Add an entry when a page gains a table.
 */
export const exportableTables: Record<string, ExportableTable> = {
  'heatmap-institutes': instituteHeatmapExport,
  'heatmap-dimensions': dimensionExport,
  'heatmap-matrix': matrixExport,
  'heatmap-calendar': calendarExport,
};
