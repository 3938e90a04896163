import type { Level } from '@/domain/reference/level-codes';

export const TEXT_DARK = '#1A1A1A';
export const TEXT_LIGHT = '#FFFFFF';

/**
 * Cell fills for the four warning levels. Each is paired with whichever text colour contrasts more (see
 * textColorOn); all four reach WCAG's 4.5:1, and yellow and orange stay apart in print.
 */
export const levelFills: Record<Level, string> = {
  blue: '#1D4ED8',
  yellow: '#FACC15',
  orange: '#F97316',
  red: '#B91C1C',
};

const HEX = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** '#abc' or 'aabbcc' → '#AABBCC'; throws on anything else. */
export function normalizeHex(value: string): string {
  const match = HEX.exec(value.trim());
  if (!match?.[1]) throw new Error(`"${value}" is not a hex colour like #B91C1C`);
  const digits = match[1].length === 3 ? [...match[1]].map((d) => d + d).join('') : match[1];
  return `#${digits.toUpperCase()}`;
}

function relativeLuminance(hex: string): number {
  const digits = normalizeHex(hex).slice(1);
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(digits.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio between two colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The text colour (dark or white) that reads better on the given fill. */
export function textColorOn(fill: string): string {
  return contrastRatio(fill, TEXT_DARK) >= contrastRatio(fill, TEXT_LIGHT) ? TEXT_DARK : TEXT_LIGHT;
}
