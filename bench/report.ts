// The headline figures of a benchmark run, kept so that bench/index.ts can print both engines side by side at
// the end: each benchmark process appends one JSON line per figure to BENCH_REPORT (a file bench/index.ts
// names); a benchmark run on its own (`tsx bench/rating.ts`) only prints.
import fs from 'node:fs';
import { engineName } from './bench-db';

export interface Figure {
  /** What was measured, the same words on both engines (the summary's row). */
  figure: string;
  value: number;
  unit: 'ms' | '×' | 'records/s' | 's';
  /** The raw engine's figure for the same work, where there is one. */
  raw?: number;
  /** The goal for this figure. */
  goal?: { max?: number; min?: number };
}

export interface Reported extends Figure {
  bench: string;
  engine: string;
}

export function report(bench: string, figures: Figure[]): void {
  const file = process.env.BENCH_REPORT;
  if (!file) return;
  fs.appendFileSync(file, figures.map((f) => JSON.stringify({ bench, engine: engineName, ...f } satisfies Reported)).join('\n') + '\n');
}

/** Whether `value` meets `goal` (true without one). */
export function meets(value: number, goal: Figure['goal']): boolean {
  return (goal?.max === undefined || value <= goal.max) && (goal?.min === undefined || value >= goal.min);
}
