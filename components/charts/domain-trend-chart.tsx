'use client';

import { BarChart } from '@tremor/react';

export interface TrendRow {
  month: string;
  [series: string]: string | number;
}

// Two series named in words in the legend; their colours (indigo, emerald) are not level colours, so a
// trend is never read as a warning level.
export function DomainTrendChart({ data, series }: { data: TrendRow[]; series: [string, string] }) {
  return (
    <BarChart
      className="h-64"
      data={data}
      index="month"
      categories={series}
      colors={['indigo', 'emerald']}
      allowDecimals={false}
      yAxisWidth={32}
      showAnimation={false}
    />
  );
}
