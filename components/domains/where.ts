/** What a domain page's sections link and export by: the domain, the year and the chosen branch. */
export interface DomainWhere {
  domain: string;
  year: number;
  /** The branch academy chosen in the filter, if any. */
  unit?: string;
}

/** The record-list filters every figure and list of the page narrows by. */
export const drillOf = (w: DomainWhere) => ({ domain: w.domain, unit: w.unit });

/** The export links' parameters: the page's own filters. */
export const exportParams = (w: DomainWhere) => ({ domain: w.domain, year: String(w.year), branch: w.unit });
