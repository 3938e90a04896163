import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDb } from '../setup/test-db';
import { createDemoDb } from '../setup/demo-db';
import { ALL_UNITS } from '@/domain/auth/actor';
import { instituteDomainHeatmap } from '@/features/dashboards/institute-heatmap';
import { clearMemo } from '@/features/dashboards/memo';

// Issue 14 item 14: at academy scale the institutes × domains heatmap opens with its branches collapsed,
// so the branch rows must carry the heat themselves (each domain's worst institute), and a real zero must
// not wear the blue band's colour. On the demo academy in a real migrated SQLite file.
let t: TestDb;
const now = new Date('2026-11-23T10:00:00+08:00');
beforeAll(async () => {
  // With the stored ratings the points come from, as the daily job stores them at start (decision 045).
  t = await createDemoDb(now);
  clearMemo();
});
afterAll(() => t.close());

describe('institutes × domains heatmap on first view', () => {
  it('gives each branch row its worst institute per domain, with that institute’s band', async () => {
    const h = await instituteDomainHeatmap(t.db, ALL_UNITS, { year: 2026, mode: 'points', kind: 'incidents' }, now);
    for (const g of h.groups)
      h.domains.forEach((d, i) => {
        const cells = g.rows.map((r) => r.cells[i]!);
        const worst = g.worst[i]!;
        expect(worst.domain).toBe(d);
        expect(worst.value).toBe(Math.max(...cells.map((c) => c.value)));
        expect(worst.band).toBe(cells.find((c) => c.value === worst.value && c.state === 'value')?.band);
        if (worst.value === 0)
          expect(worst.state).toBe(
            cells.some((c) => c.state === 'value') ? 'value' : cells.some((c) => c.state === 'nodata') ? 'nodata' : 'none',
          );
      });
    expect(h.groups.some((g) => g.worst.some((c) => c.band === 'red'))).toBe(true);
  });

  it('leaves zero without a band: a real zero is quiet, not blue', async () => {
    const h = await instituteDomainHeatmap(t.db, ALL_UNITS, { year: 2026, mode: 'points', kind: 'incidents' }, now);
    const cells = h.groups.flatMap((g) => [...g.rows.flatMap((r) => r.cells), ...g.worst]);
    expect(cells.some((c) => c.state === 'value' && c.value === 0)).toBe(true);
    for (const c of cells) if (c.value === 0) expect(c.band).toBeUndefined();
    for (const c of cells) if (c.value > 0) expect(c.band).toBeDefined();
  });
});
