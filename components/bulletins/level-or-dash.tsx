import { LevelBadge } from '@/components/level-badge';
import type { Level } from '@/domain/reference/level-codes';

/** A level as its badge, or a dash where there is none (an institute not rated at the month's start). */
export function LevelOrDash({ level, word }: { level: Level | null; word: (l: Level) => string }) {
  return level ? <LevelBadge level={level} label={word(level)} /> : <span className="text-gray-400">—</span>;
}
