import Link from 'next/link';
import { levels, type Level } from '@/domain/reference/level-codes';
import { levelFills } from '@/platform/pdf/colors';
import { LevelBadge } from '@/components/level-badge';

/**
 * Counts per level as horizontal bars, worst level first. Each bar carries its level in words and its
 * count, so nothing depends on telling the colours apart; each count opens its records.
 */
export function LevelBars({
  counts,
  labels,
  hrefFor,
  testId,
}: {
  counts: Record<Level, number>;
  labels: Record<Level, string>;
  hrefFor: (level: Level) => string;
  testId?: string;
}) {
  const max = Math.max(1, ...levels.map((l) => counts[l]));
  return (
    <ul className="space-y-2" data-testid={testId}>
      {[...levels].reverse().map((l) => (
        <li key={l} className="grid grid-cols-[5.5rem_1fr_3rem] items-center gap-3 text-sm" data-level={l}>
          <span className="justify-self-start">
            <LevelBadge level={l} label={labels[l]} />
          </span>
          <div className="h-4 rounded bg-gray-100">
            <div className="h-4 rounded" style={{ width: `${(counts[l] / max) * 100}%`, backgroundColor: levelFills[l] }} />
          </div>
          {counts[l] > 0 ? (
            <Link
              prefetch={false}
              href={hrefFor(l)}
              className="text-right font-semibold tabular-nums text-blue-700 hover:underline"
              data-count={counts[l]}
            >
              {counts[l]}
            </Link>
          ) : (
            <span className="text-right tabular-nums text-gray-400" data-count={0}>
              0
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
