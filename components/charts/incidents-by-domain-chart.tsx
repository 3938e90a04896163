'use client';

import { BarChart } from '@tremor/react';

export interface DomainTierRow {
  domain: string;
  [tierLabel: string]: string | number;
}

// Tier colours follow the national warning convention (I red … IV blue); the legend names each tier in
// words, so the chart is readable without telling the colours apart.
export function IncidentsByDomainChart({ data, tierLabels }: { data: DomainTierRow[]; tierLabels: string[] }) {
  return (
    <BarChart
      className="h-72"
      data={data}
      index="domain"
      categories={tierLabels}
      colors={['red', 'orange', 'yellow', 'blue']}
      stack
      allowDecimals={false}
      yAxisWidth={36}
      showAnimation={false}
    />
  );
}
