import pg from 'pg';

// node-postgres answers int8 (count(*), sum of integers, bigint columns) and numeric (avg, sum of numerics)
// as strings, to keep precision JavaScript numbers lack. Fenghuo's bigints are ids and instants in ms (far
// below 2^53) and its numerics are averages and points: numbers everywhere, as SQLite answers them. drizzle's
// node-postgres queries fall back to the process-wide parsers for these types (a client's own `types` would
// be bypassed), so they are set here, once per process, before the first pool opens.

const INT8 = 20;
const NUMERIC = 1700;

let set = false;

/** Makes int8 and numeric values JavaScript numbers for every pg client of this process. */
export function parseNumbersAsNumbers(): void {
  if (set) return;
  pg.types.setTypeParser(INT8, Number);
  pg.types.setTypeParser(NUMERIC, Number);
  set = true;
}
