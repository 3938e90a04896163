import { describe, expect, it } from 'vitest';
import { contrastRatio, levelFills, normalizeHex, TEXT_DARK, TEXT_LIGHT, textColorOn } from '@/platform/pdf/colors';
import { levels } from '@/domain/reference/level-codes';

describe('cell colours', () => {
  it.each(levels)('the %s fill keeps its label readable (WCAG AA, 4.5:1)', (level) => {
    const fill = levelFills[level];
    expect(contrastRatio(fill, textColorOn(fill))).toBeGreaterThanOrEqual(4.5);
  });

  it('puts dark text on light fills and white text on dark ones', () => {
    expect(textColorOn(levelFills.yellow)).toBe(TEXT_DARK);
    expect(textColorOn(levelFills.orange)).toBe(TEXT_DARK);
    expect(textColorOn(levelFills.red)).toBe(TEXT_LIGHT);
    expect(textColorOn(levelFills.blue)).toBe(TEXT_LIGHT);
  });

  it('keeps the four levels apart from one another', () => {
    for (const a of levels) for (const b of levels) if (a < b) expect(levelFills[a]).not.toBe(levelFills[b]);
    expect(contrastRatio(levelFills.yellow, levelFills.orange)).toBeGreaterThan(1.5);
  });

  it('accepts #rgb and #rrggbb and refuses anything else', () => {
    expect(normalizeHex('#b91c1c')).toBe('#B91C1C');
    expect(normalizeHex('fc0')).toBe('#FFCC00');
    expect(() => normalizeHex('red')).toThrow('"red" is not a hex colour like #B91C1C');
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 5);
  });
});
