'use client';

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { domainColour } from '@/domain/reference/domain-colours';

export interface TrendSeries {
  code: string;
  label: string;
}

// Each domain in its own colour (domain/reference/domain-colours.ts, the same in every chart) plus dash
// patterns, so lines stay apart without relying on colour alone; the table below gives every number in words.
const dashes = ['', '6 3', '2 2', '8 3 2 3'];

export function BulletinTrendChart({
  data,
  series,
  label,
}: {
  data: Record<string, string | number>[];
  series: TrendSeries[];
  label: string;
}) {
  return (
    <div className="h-80 w-full" role="img" aria-label={label} data-testid="bulletin-trend-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#E5E7EB" />
          <XAxis dataKey="month" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} width={36} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((s, i) => (
            <Line
              key={s.code}
              type="monotone"
              dataKey={s.code}
              name={s.label}
              stroke={domainColour(s.code, i)}
              strokeDasharray={dashes[i % dashes.length]}
              strokeWidth={2}
              dot={{ r: 3 }}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
