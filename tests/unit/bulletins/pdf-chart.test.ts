import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bulletinPdf } from '@/features/bulletins/pdf';
import type { BulletinView } from '@/domain/bulletins/view';
import { defaultDomains } from '@/domain/reference/domains';
import { domainColours } from '@/domain/reference/domain-colours';
import { extractPages } from '../pdf/extract-text';
import { countColour, rasterisePage } from '../pdf/rasterise';

// Issue 14 item 13: the bulletin PDF draws the domain trend as a chart (it was a table only).
const months = ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];
// Nine domains with records; the one with fewest (lab_animals) does not fit the chart's eight.
const totals: Record<string, number[]> = {
  ai: [4, 6, 5, 7, 9, 37],
  gene_editing: [2, 1, 3, 2, 2, 4],
  medical_diagnosis: [3, 3, 2, 4, 3, 2],
  autonomous_driving: [1, 2, 2, 1, 3, 2],
  drones: [2, 3, 24, 6, 2, 3],
  service_robots: [1, 1, 2, 2, 1, 1],
  synthetic_biology: [2, 2, 1, 1, 2, 1],
  brain_science: [1, 2, 1, 2, 1, 2],
  lab_animals: [0, 1, 0, 0, 1, 0],
};
const shown = Object.keys(totals).filter((d) => d !== 'lab_animals');

const view: BulletinView = {
  month: '2026-10',
  generatedAt: new Date('2026-11-01T08:00:00+08:00'),
  periodStart: '2026-09-30T16:00:00.000Z',
  periodEnd: '2026-10-31T16:00:00.000Z',
  ruleSetVersion: 'CAS-2026',
  wholeAcademy: true,
  institutes: [],
  alerts: [],
  totals: {
    incidentsByTier: [0, 0, 0, 0],
    incidents: 0,
    hazards: { general: 0, major: 0 },
    overdueAtEnd: { general: 0, major: 0 },
    levelsAtEnd: { blue: 0, yellow: 0, orange: 0, red: 0 },
    rose: 0,
    fell: 0,
    alertsByColour: { blue: 0, yellow: 0, orange: 0, red: 0 },
  },
  trendMonths: months,
  domains: defaultDomains.map((d) => ({ code: d.code, nameZh: d.nameZh, nameEn: d.nameEn })),
  trend: months.map((month, i) => ({ month, counts: Object.fromEntries(Object.entries(totals).map(([d, n]) => [d, n[i]!])) })),
};

async function chartPage(pdf: Buffer) {
  const pages = await extractPages(pdf);
  const n = pages.findIndex((p) => p.includes('2026-07'));
  expect(n).toBeGreaterThanOrEqual(0);
  // The chart's own words are on its page; the note under it may start the next one.
  return { text: pages[n]!, all: pages.join('\n'), raster: await rasterisePage(pdf, n + 1) };
}

describe.each([
  ['zh-CN', '各领域趋势', '事件 + 隐患（件）', '月份', '图中为记录最多的 8 个领域'],
  ['en', 'Domain trends', 'Incidents + hazards', 'Month', 'The chart shows the 8 domains with the most records'],
] as const)('bulletin PDF in %s', (locale, heading, yAxis, xAxis, note) => {
  it('draws the domain trend as coloured bars, one colour per domain, with a legend, axis titles and values', async () => {
    const pdf = await bulletinPdf(view, locale, '');
    const { text, all, raster } = await chartPage(pdf);
    if (process.env.FENGHUO_SAVE_CHART) fs.writeFileSync(`${process.env.FENGHUO_SAVE_CHART}-${locale}.png`, raster.png());
    const name = (code: string) => {
      const d = defaultDomains.find((x) => x.code === code)!;
      return locale === 'en' ? d.nameEn : d.nameZh;
    };
    expect(text, 'the heading stays with its chart').toContain(heading);
    for (const d of shown) expect(text, d).toContain(name(d));
    expect(text).toContain(yAxis);
    expect(text).toContain(xAxis);
    expect(all).toContain(note);
    expect(text).toMatch(/\b37\b/); // the tallest bar's value
    // Every charted domain's bars in its own colour (not black): a good area of pixels each.
    for (const d of shown) expect(countColour(raster, domainColours[d]!), d).toBeGreaterThan(300);
    expect(countColour(raster, domainColours.lab_animals!)).toBe(0);
    // The colours are distinct, so no two domains share their pixels.
    expect(new Set(shown.map((d) => domainColours[d])).size).toBe(shown.length);
  });
});
