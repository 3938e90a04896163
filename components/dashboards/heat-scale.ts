import type { Level } from '@/domain/reference/level-codes';

// Cell colours. Level bands use the product's four level colours (see components/level-badge.tsx), chosen
// to stay apart for colour-blind readers; counts use one grey-blue ramp so that they are never mistaken
// for a warning level. Every cell also prints its number, and the legend states the bands in words.
export const bandClass: Record<Level, string> = {
  blue: 'bg-blue-600 text-white',
  yellow: 'bg-yellow-300 text-yellow-950',
  orange: 'bg-orange-500 text-white',
  red: 'bg-red-700 text-white',
};

/** Count bins, lowest first: [min, class]. */
// The lowest band must stand out from an empty white cell and the next must differ from it at a glance:
// a domain's month going from 3 to 12 records (a surge) was one pale shade before (issue 14 item 15).
export const countBins: readonly (readonly [number, string])[] = [
  [0, 'bg-white text-gray-700'],
  [1, 'bg-slate-300 text-slate-950'],
  [5, 'bg-slate-500 text-white'],
  [10, 'bg-slate-600 text-white'],
  [20, 'bg-slate-700 text-white'],
  [50, 'bg-slate-900 text-white'],
];

export function countClass(n: number): string {
  let cls = countBins[0]![1];
  for (const [min, c] of countBins) if (n >= min) cls = c;
  return cls;
}

/** "No data": diagonal hatching on grey, unlike any value; "not involved": plain and faint. */
export const noDataClass = 'bg-[repeating-linear-gradient(45deg,#e5e7eb_0,#e5e7eb_4px,#f9fafb_4px,#f9fafb_8px)] text-gray-600 italic';
export const noneClass = 'bg-white text-gray-300';
/** A real zero: a number, but nothing to look at. */
export const zeroClass = 'bg-white text-gray-500';
