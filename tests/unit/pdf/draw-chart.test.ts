import { describe, expect, it } from 'vitest';
import { MAX_CATEGORIES, MAX_SERIES, niceStep } from '@/platform/pdf/draw-chart';
import { renderPdf } from '@/platform/pdf/render-pdf';
import { domainColours } from '@/domain/reference/domain-colours';
import { levelFills } from '@/platform/pdf/colors';
import { extractPages } from './extract-text';
import { countColour, rasterisePage } from './rasterise';

// CIE 1976 ΔE between two hex colours (sRGB, D65).
function lab(hex: string): [number, number, number] {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}
const deltaE = (a: string, b: string) => Math.hypot(...lab(a).map((v, i) => v - lab(b)[i]!));

describe('domain colours', () => {
  it('gives every domain its own colour, every pair clearly apart, none a warning level colour', () => {
    const entries = Object.entries(domainColours);
    expect(new Set(entries.map(([, c]) => c)).size).toBe(entries.length);
    for (const [i, [a, ca]] of entries.entries())
      for (const [b, cb] of entries.slice(i + 1)) expect(deltaE(ca, cb), `${a} vs ${b}`).toBeGreaterThanOrEqual(25);
    for (const [d, c] of entries)
      for (const l of Object.values(levelFills)) expect(deltaE(c, l), `${d} vs ${l}`).toBeGreaterThanOrEqual(20);
  });
});

describe('bar chart', () => {
  it('steps its gridlines by 1, 2 or 5 × 10^k', () => {
    expect([0, 4, 9, 24, 73, 240, 1800].map(niceStep)).toEqual([1, 1, 2, 5, 20, 50, 500]);
  });

  it('draws at most MAX_SERIES bars per group and MAX_CATEGORIES groups, on one page', async () => {
    const hues = Array.from({ length: 20 }, (_, i) => `#${(0x102030 + i * 0x070b05).toString(16).toUpperCase()}`);
    const categories = Array.from({ length: 30 }, (_, i) => `M${String(i + 1).padStart(2, '0')}`);
    const series = hues.map((colour, i) => ({ label: `S${String(i + 1).padStart(2, '0')}`, colour, values: categories.map(() => i + 1) }));
    const pdf = await renderPdf({ title: 'chart', createdAt: new Date(0), blocks: [{ type: 'barChart', categories, series }] });
    const pages = await extractPages(pdf);
    expect(pages).toHaveLength(1);
    const labels = new Set(pages[0]!.match(/S\d\d/g));
    expect(labels.size).toBe(MAX_SERIES);
    expect(new Set(pages[0]!.match(/M\d\d/g)).size).toBe(MAX_CATEGORIES);
    const raster = await rasterisePage(pdf, 1, 1);
    expect(countColour(raster, hues[MAX_SERIES - 1]!, 2)).toBeGreaterThan(0);
    expect(countColour(raster, hues[MAX_SERIES]!, 2)).toBe(0);
  });
});
