'use client';

import { BarChart } from '@tremor/react';

// Each domain in its own colour (domain/reference/domain-colours.ts: clear of the four level colours, so a trend
// is never read as a warning level, and the same in every chart); the legend names every domain.
export function TrendByDomainChart({
  data,
  domains,
  colours,
}: {
  data: Record<string, string | number>[];
  domains: string[];
  colours: string[];
}) {
  return (
    <BarChart
      className="h-72"
      data={data}
      index="month"
      categories={domains}
      colors={colours}
      stack
      allowDecimals={false}
      yAxisWidth={40}
      showAnimation={false}
    />
  );
}
