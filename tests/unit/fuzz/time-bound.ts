import fc from 'fast-check';
import { expect } from 'vitest';

// Property tests for TIME: a parser of user text must stay linear in its input, whatever the input. The
// characters below are those that make regular expressions and hand-written scanners backtrack or loop:
// digits, zeros, dots, separators, spaces, quotes, brackets of every kind, signs, exponent and date letters.
const PIECES = [
  '0',
  '1',
  '9',
  '.',
  ',',
  ';',
  ' ',
  '\t',
  '\n',
  '\r',
  '"',
  "'",
  '[',
  ']',
  '(',
  ')',
  '{',
  '}',
  '<',
  '>',
  '-',
  '+',
  ':',
  'T',
  'Z',
  'e',
  'E',
  'y',
  'm',
  '*',
  '_x',
  '\\',
  '/',
  '%',
  '=',
  '@',
  '#',
  '&',
  'x',
  '年',
  '月',
  '日',
  '\u3000',
  '\u0000',
];

/** The size every property feeds: large enough that a quadratic parser takes seconds, a linear one a millisecond. */
export const FUZZ_SIZE = 30_000;

/** A short head, a short unit repeated to about `size` characters, a short tail. */
export function adversarialText(size = FUZZ_SIZE): fc.Arbitrary<string> {
  const piece = fc.constantFrom(...PIECES);
  const short = fc.array(piece, { maxLength: 4 }).map((a) => a.join(''));
  const unit = fc.array(piece, { minLength: 1, maxLength: 3 }).map((a) => a.join(''));
  return fc.tuple(short, unit, short).map(([head, u, tail]) => head + u.repeat(Math.ceil(size / u.length)) + tail);
}

/** Shapes that broke parsers here before (issue 13): kept as explicit examples so every run tries them. */
export function knownHostile(size = FUZZ_SIZE): string[] {
  return [
    `1.${'0'.repeat(size)}x`,
    `${'1'.repeat(size)}x`,
    `${'['.repeat(size)}`,
    `${'"'.repeat(size)}x`,
    `${'*'.repeat(size)}x`,
    `2025-01-01${' '.repeat(size)}x`,
    `${'1,'.repeat(size / 2)}x`,
    `${'('.repeat(size)}`,
    `${'_x'.repeat(size / 2)}`,
  ];
}

/**
 * The budget for one call on `chars` characters: a fixed allowance for a busy shared machine plus three
 * times `msPerKb` per thousand characters (2 ms for a pure function; a whole-file reader is given more).
 * The margin is for CI sharing two cores with the rest of the suite: a linear parser uses a fraction of
 * it, a quadratic one at FUZZ_SIZE takes seconds to minutes (the number parser took 5.9 s on 16 KB).
 */
export function budgetMs(chars: number, msPerKb = 2): number {
  return 200 + (3 * msPerKb * chars) / 1000;
}

/** Fails when `run` takes longer than the budget for its input, twice in a row (one slow run may be a GC pause). */
export async function expectWithinBudget(
  what: string,
  input: string,
  run: (text: string) => unknown,
  budget = budgetMs(input.length),
): Promise<void> {
  let best = Infinity;
  for (let attempt = 0; attempt < 2 && best > budget; attempt++) {
    const started = performance.now();
    try {
      await run(input);
    } catch {
      // Refusing the input is fine; only the time it took matters here.
    }
    best = Math.min(best, performance.now() - started);
  }
  expect(best, `${what} took ${best.toFixed(0)} ms on ${input.length} chars starting ${JSON.stringify(input.slice(0, 24))}`).toBeLessThan(
    budget,
  );
}

/** Runs `run` on the known hostile shapes and on `numRuns` generated ones; no shrinking (each try of a slow input is slow). */
export async function fuzzTime(
  what: string,
  run: (text: string) => unknown,
  { numRuns = 20, msPerKb = 2 }: { numRuns?: number; msPerKb?: number } = {},
): Promise<void> {
  const within = (input: string) => expectWithinBudget(what, input, run, budgetMs(input.length, msPerKb));
  for (const input of knownHostile()) await within(input);
  await fc.assert(fc.asyncProperty(adversarialText(), within), { numRuns, endOnFailure: true });
}
