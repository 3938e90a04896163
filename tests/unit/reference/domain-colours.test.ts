import { describe, expect, it } from 'vitest';
import { allDomainColours, domainColour, domainColours } from '@/domain/reference/domain-colours';
import { defaultDomains } from '@/domain/reference/domains';
import { levelFills } from '@/platform/pdf/colors';

// Issue 14, item 19: the bulletin's domain colours repeated (two greens, two violets). Every colour a chart
// may give a domain must be told apart from every other, and from the four level colours, by CIE76 ΔE.

function lab(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((r * 0.4124 + g * 0.3576 + b * 0.1805) / 0.95047);
  const y = f(r * 0.2126 + g * 0.7152 + b * 0.0722);
  const z = f((r * 0.0193 + g * 0.1192 + b * 0.9505) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

const deltaE = (a: string, b: string) => {
  const [p, q] = [lab(a), lab(b)];
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
};

describe('domain colours', () => {
  it('gives every default domain its own colour', () => {
    for (const d of defaultDomains) expect(domainColours[d.code], d.code).toMatch(/^#[0-9A-F]{6}$/);
    expect(new Set(defaultDomains.map((d) => domainColour(d.code))).size).toBe(defaultDomains.length);
  });

  it('keeps every pair of colours distinguishable (ΔE ≥ 20)', () => {
    const close: string[] = [];
    allDomainColours.forEach((a, i) =>
      allDomainColours.slice(i + 1).forEach((b) => {
        if (deltaE(a, b) < 20) close.push(`${a}~${b} ΔE ${deltaE(a, b).toFixed(1)}`);
      }),
    );
    expect(close).toEqual([]);
  });

  it('keeps domain colours apart from the level colours, so no domain reads as a warning level', () => {
    for (const c of allDomainColours)
      for (const l of Object.values(levelFills)) expect(deltaE(c, l), `${c} vs ${l}`).toBeGreaterThanOrEqual(20);
  });

  it('gives a domain added as data a spare colour by its place', () => {
    expect(domainColour('quantum', 0)).not.toBe(domainColour('quantum', 1));
    expect(domainColour('ai', 3)).toBe(domainColours.ai);
  });
});
