import { describe, expect, it } from 'vitest';
import { shorten, VALUE_DISPLAY_CHARS, visibleText } from '@/features/import/change-values';

describe('change list values', () => {
  it('shortens to VALUE_DISPLAY_CHARS code points, never splitting a surrogate pair', () => {
    expect(shorten('a'.repeat(VALUE_DISPLAY_CHARS))).toBe('a'.repeat(VALUE_DISPLAY_CHARS));
    expect(shorten('a'.repeat(VALUE_DISPLAY_CHARS + 1))).toBe(`${'a'.repeat(VALUE_DISPLAY_CHARS - 1)}…`);
    // 80 emoji are 160 UTF-16 units but 80 characters: kept whole.
    expect(shorten('😀'.repeat(VALUE_DISPLAY_CHARS))).toBe('😀'.repeat(VALUE_DISPLAY_CHARS));
    const cut = shorten('😀'.repeat(VALUE_DISPLAY_CHARS + 5));
    expect(Array.from(cut)).toHaveLength(VALUE_DISPLAY_CHARS);
    expect(cut.isWellFormed()).toBe(true);
    expect(shorten('风'.repeat(20_000))).toBe(`${'风'.repeat(VALUE_DISPLAY_CHARS - 1)}…`);
  });

  it('quotes text whose spaces or line breaks would otherwise not show', () => {
    expect(visibleText('plain text', '-')).toBe('plain text');
    expect(visibleText('ends in a space ', '-')).toBe('"ends in a space "');
    expect(visibleText('two\nlines', '-')).toBe('"two\\nlines"');
    expect(visibleText('', '-')).toBe('""');
    expect(visibleText(null, '（空）')).toBe('（空）');
  });
});
