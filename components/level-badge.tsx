import type { Level } from '@/domain/reference/level-codes';

// Colours chosen to stay apart for colour-blind readers (blue, pale yellow with dark text, orange, deep red),
// and the level is always written in words beside the colour.
const style: Record<Level, string> = {
  blue: 'bg-blue-600 text-white',
  yellow: 'bg-yellow-300 text-yellow-950',
  orange: 'bg-orange-500 text-white',
  red: 'bg-red-700 text-white',
};

export function LevelBadge({ level, label, detail }: { level: Level; label: string; detail?: string }) {
  return (
    <span className={`inline-flex items-center gap-1 rounded px-2 py-0.5 text-xs font-semibold ${style[level]}`} data-level={level}>
      {label}
      {detail ? <span className="font-normal opacity-90">{detail}</span> : null}
    </span>
  );
}
