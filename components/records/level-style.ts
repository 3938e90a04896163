import type { Level } from '@/domain/reference/level-codes';

// The level colours of components/level-badge.tsx, for matrix cells; the level is always also written.
export const levelCell: Record<Level, string> = {
  blue: 'bg-blue-600 text-white',
  yellow: 'bg-yellow-300 text-yellow-950',
  orange: 'bg-orange-500 text-white',
  red: 'bg-red-700 text-white',
};
