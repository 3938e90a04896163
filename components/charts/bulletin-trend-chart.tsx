'use client';

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface TrendSeries {
  code: string;
  label: string;
}

// Distinct hues plus dash patterns, so lines stay apart without relying on colour alone; the table below
// the chart gives every number in words.
const palette = ['#1D4ED8', '#B91C1C', '#047857', '#C2410C', '#7C3AED', '#0E7490', '#A16207', '#BE185D', '#4B5563', '#15803D', '#9333EA'];
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
              stroke={palette[i % palette.length]}
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
