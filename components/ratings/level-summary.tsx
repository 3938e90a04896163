import { LevelBadge } from '@/components/level-badge';
import { levels, type Level } from '@/domain/reference/level-codes';

/** The count of institutes per level, each level in words beside its colour. */
export function LevelSummary({
  counts,
  title,
  itemLabel,
  total,
}: {
  counts: Record<Level, number>;
  title: string;
  itemLabel: (level: Level, n: number) => string;
  total: string;
}) {
  return (
    <section aria-label={title} className="rounded-lg border border-gray-200 bg-white p-4" data-testid="level-summary">
      <h2 className="text-sm font-medium text-gray-700">{title}</h2>
      <ul className="mt-2 flex flex-wrap items-center gap-3">
        {levels.map((level) => (
          <li key={level} data-level={level} data-count={counts[level]}>
            <LevelBadge level={level} label={itemLabel(level, counts[level])} />
          </li>
        ))}
        <li className="text-sm text-gray-600">{total}</li>
      </ul>
    </section>
  );
}
