import { describe, expect, it } from 'vitest';
import { heatCellClass, heatCellHref } from '@/components/dashboards/heat-cell';
import { bandClass } from '@/components/dashboards/heat-scale';

// Issue 14 item 14: what a heatmap cell looks like and where it leads.
const window = { fromDay: '2026-01-01', toDay: '2026-11-23' };

describe('heatmap cells', () => {
  it('opens a "no data" cell on the live projects that make it "no data", not on a rating with no records', () => {
    const href = heatCellHref({ mode: 'points', kind: 'incidents', year: 2026, window }, 'BJ01', {
      domain: 'drones',
      value: 0,
      state: 'nodata',
    });
    expect(href).toBe('/records/projects?unit=BJ01&domain=drones&to=2026-11-23&state=current');
  });

  it('opens a points cell on the rating explanation of that domain, a count cell on its records', () => {
    const cell = { domain: 'ai', value: 12, state: 'value' as const, band: 'yellow' as const };
    expect(heatCellHref({ mode: 'points', kind: 'incidents', year: 2026, window }, 'BJ01', cell)).toBe('/ratings/2026/BJ01?domain=ai');
    expect(heatCellHref({ mode: 'counts', kind: 'hazards', year: 2026, window }, 'BJ01', cell)).toBe(
      '/records/hazards?unit=BJ01&domain=ai&from=2026-01-01&to=2026-11-23&state=current',
    );
  });

  it('keeps zero quiet and colours points by their band', () => {
    const zero = heatCellClass('points', { domain: 'ai', value: 0, state: 'value' });
    expect(zero).not.toBe(bandClass.blue);
    expect(zero).toContain('bg-white');
    expect(heatCellClass('points', { domain: 'ai', value: 60, state: 'value', band: 'red' })).toBe(bandClass.red);
    expect(heatCellClass('counts', { domain: 'ai', value: 0, state: 'value' })).toContain('bg-white');
  });
});
