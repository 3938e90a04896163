// One colour per sensitive domain, used by every chart that tells domains apart (the overview trend, the
// bulletin page's trend, the bulletin PDF): a domain keeps its colour from chart to chart. Matplotlib's "tab10"
// without its red and orange (which read as warning levels), then darker hues and a light grey for "other":
// far apart from each other (CIE76 ΔE ≥ 25, tests/unit/pdf/draw-chart.test.ts) and from the four level
// colours (tests/unit/reference/domain-colours.test.ts),
// so no domain reads as a warning level and none repeats (the bulletin had two greens and two violets).
// Hex, so that Tremor, Recharts and pdfkit draw the same colour; tailwind.config.ts safelists Tremor's classes.

export const domainColours: Readonly<Record<string, string>> = {
  ai: '#1F77B4',
  gene_editing: '#9467BD',
  medical_diagnosis: '#2CA02C',
  autonomous_driving: '#E377C2',
  drones: '#7F7F7F',
  service_robots: '#BCBD22',
  synthetic_biology: '#8C564B',
  brain_science: '#17BECF',
  cell_gene: '#393B79',
  lab_animals: '#637939',
  other: '#C7C7C7',
};

/** A chart's bucket of "all other domains" (past the busiest few). */
export const restColour = '#C7D2FE';

/** Domains added later as data (not in the list above) take these, in their order. */
const spare = ['#0F766E', '#9D174D', '#7B4173', '#2F2F2F'];

/** A domain's colour; `index` (its place in the chart) picks a spare one for a domain added as data. */
export function domainColour(code: string, index = 0): string {
  return domainColours[code] ?? spare[index % spare.length]!;
}

/** Every colour a chart may draw a domain in, for the Tailwind safelist of Tremor's runtime class names. */
export const allDomainColours: readonly string[] = [...Object.values(domainColours), restColour, ...spare];
