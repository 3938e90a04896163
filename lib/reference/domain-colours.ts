// One colour per sensitive domain, used by every chart that tells domains apart (the overview trend, the
// bulletin page's trend, the bulletin PDF): a domain keeps its colour from chart to chart. The colours are
// far apart from each other and from the four level colours (CIE76 ΔE ≥ 20, tests/unit/domain-colours.test.ts),
// so no domain reads as a warning level and none repeats (the bulletin had two greens and two violets).
// Hex, so that Tremor, Recharts and pdfkit draw the same colour; tailwind.config.ts safelists Tremor's classes.

export const domainColours: Readonly<Record<string, string>> = {
  ai: '#0E7490',
  gene_editing: '#7C3AED',
  medical_diagnosis: '#15803D',
  autonomous_driving: '#DB2777',
  drones: '#334155',
  service_robots: '#84CC16',
  synthetic_biology: '#92400E',
  brain_science: '#22D3EE',
  cell_gene: '#C084FC',
  lab_animals: '#F9A8D4',
  other: '#9CA3AF',
};

/** A chart's bucket of "all other domains" (past the busiest few). */
export const restColour = '#E7E5E4';

/** Domains added later as data (not in the list above) take these, in their order. */
const spare = ['#1E3A8A', '#4D7C0F', '#9D174D', '#0F766E'];

/** A domain's colour; `index` (its place in the chart) picks a spare one for a domain added as data. */
export function domainColour(code: string, index = 0): string {
  return domainColours[code] ?? spare[index % spare.length]!;
}

/** Every colour a chart may draw a domain in, for the Tailwind safelist of Tremor's runtime class names. */
export const allDomainColours: readonly string[] = [...Object.values(domainColours), restColour, ...spare];
