// One colour per sensitive domain, shared by the bulletin page's chart and the bulletin PDF, so a domain
// has the same colour everywhere. Matplotlib's "tab10" without its red and orange (which read as warning
// levels), then three darker hues for the Shenzhen/Beijing domains and a light grey for "other". Every
// pair is at least ΔE 25 apart (CIE 1976), checked by tests/unit/pdf/draw-chart.test.ts.
export const domainColours: Record<string, string> = {
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

// Domains are data (DOMAIN.md §3): one added by an administrator takes a colour from this list by position.
const spare = ['#AD494A', '#5254A3', '#8CA252', '#BD9E39', '#843C39', '#7B4173'];

/** The domain's colour; a domain without one of its own gets a spare colour by its position in the list. */
export function domainColour(code: string, index = 0): string {
  return domainColours[code] ?? spare[index % spare.length]!;
}
