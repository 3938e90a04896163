import type { CountedKind, HeatCell } from '@/domain/dashboards/types';
import { bandClass, countClass, noDataClass, noneClass, zeroClass } from './heat-scale';

export interface HeatCellContext {
  mode: 'points' | 'counts';
  kind: CountedKind;
  year: number;
  window: { fromDay: string; toDay: string };
}

/**
 * Where a cell leads: "no data" to the live projects that make it "no data" (a rating with no scored records
 * would say nothing); points to the rating's explanation for that domain; counts to the records counted.
 */
export function heatCellHref(ctx: HeatCellContext, unitCode: string, cell: HeatCell): string {
  const unit = encodeURIComponent(unitCode);
  if (cell.state === 'nodata') return `/records/projects?unit=${unit}&domain=${cell.domain}&to=${ctx.window.toDay}&state=current`;
  if (ctx.mode === 'points') return `/ratings/${ctx.year}/${unit}?domain=${cell.domain}`;
  return `/records/${ctx.kind}?unit=${unit}&domain=${cell.domain}&from=${ctx.window.fromDay}&to=${ctx.window.toDay}&state=current`;
}

/** A cell's colours: bands for points, the grey-blue ramp for counts; zero, "no data" and "not involved" stay quiet. */
export function heatCellClass(mode: 'points' | 'counts', cell: HeatCell): string {
  if (cell.state === 'none') return noneClass;
  if (cell.state === 'nodata') return noDataClass;
  if (cell.value === 0) return zeroClass;
  if (mode === 'points' && cell.band) return bandClass[cell.band];
  return countClass(cell.value);
}
