'use client';

import { BarChart } from '@tremor/react';

// Domain colours stay clear of the four level colours (no red, orange, yellow or the level blue), so a
// trend is never read as a warning level; the legend names every domain.
const palette = ['cyan', 'violet', 'emerald', 'fuchsia', 'slate', 'lime'] as const;

export function TrendByDomainChart({ data, domains }: { data: Record<string, string | number>[]; domains: string[] }) {
  return (
    <BarChart
      className="h-72"
      data={data}
      index="month"
      categories={domains}
      colors={palette.slice(0, domains.length)}
      stack
      allowDecimals={false}
      yAxisWidth={40}
      showAnimation={false}
    />
  );
}
