// html-to-image copies each cloned HTML element's computed style onto the clone, but clones an <svg> whole
// without visiting its children (lib/clone-node.js: cloneNode(true) for SVG, cloneChildren returns early).
// Chart colours and label sizes come from Tailwind classes on the SVG's groups and texts, and the picture
// is drawn without the page's stylesheet: bars came out black and axis labels at the default 16 px, cut
// off at the bottom. So before drawing, the presentation properties the charts use are written onto each
// SVG descendant's own style, and afterwards put back as they were.

const properties = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
] as const;

/** Inlines the computed presentation style of every SVG descendant of `root`; returns the undo. */
export function inlineSvgStyles(root: Element): () => void {
  const saved: [Element & ElementCSSInlineStyle, string | null][] = [];
  for (const el of root.querySelectorAll<SVGElement>('svg *')) {
    const computed = getComputedStyle(el);
    saved.push([el, el.getAttribute('style')]);
    for (const p of properties) {
      const value = computed.getPropertyValue(p);
      if (value) el.style.setProperty(p, value);
    }
  }
  return () => {
    for (const [el, style] of saved) {
      if (style === null) el.removeAttribute('style');
      else el.setAttribute('style', style);
    }
  };
}
