import type { ExportableTable } from '@/features/dashboards/export-tables';
import { instituteHeatmapExport } from '@/features/dashboards/institute-heatmap-view';
import { calendarExport, dimensionExport, matrixExport } from '@/features/dashboards/grid-views';
import {
  domainIndexTable,
  domainLevelsTable,
  domainOpenMajorTable,
  domainSeriousTable,
  domainUnitsTable,
} from '@/features/dashboards/domain-tables';
import { ratingsTableExport } from '@/features/rating/views/ratings-table-export';
import {
  unitEthicsTable,
  unitIncidentsTable,
  unitOpenHazardsTable,
  unitProjectsTable,
  unitRatingsTable,
} from '@/features/dashboards/unit-tables';

/**
 * Every table that offers "export XLSX", by the name used in its download address `/export/<name>`.
 * Add an entry when a page gains a table.
 */
export const exportableTables: Record<string, ExportableTable> = {
  'heatmap-institutes': instituteHeatmapExport,
  'heatmap-dimensions': dimensionExport,
  'heatmap-matrix': matrixExport,
  'heatmap-calendar': calendarExport,
  domains: domainIndexTable,
  'domain-units': domainUnitsTable,
  'domain-serious': domainSeriousTable,
  'domain-open-major': domainOpenMajorTable,
  'domain-levels': domainLevelsTable,
  'unit-ratings': unitRatingsTable,
  'unit-open-hazards': unitOpenHazardsTable,
  'unit-projects': unitProjectsTable,
  'unit-incidents': unitIncidentsTable,
  'unit-ethics': unitEthicsTable,
  ratings: ratingsTableExport,
};
