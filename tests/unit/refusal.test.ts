import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Refusal } from '@/components/refusal';

// Issue 14 item 19: the refusal page's ⛔ needed an emoji font and showed as a box without one; the sign is
// drawn as SVG, which needs no font.
describe('refusal page', () => {
  it('draws its sign without any emoji', () => {
    const html = renderToStaticMarkup(createElement(Refusal, { title: 'No', body: 'Outside your scope', homeLabel: 'Home', testId: 'x' }));
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/\p{Extended_Pictographic}/u);
  });
});
