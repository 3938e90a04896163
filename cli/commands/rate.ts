import { parseArgs } from 'node:util';
import { asOfOption, required, UsageError, withDb, type Command } from '@/cli/command';
import { yearStart } from '@/domain/time/shanghai';
import { liveRatingToApi } from '@/features/rating/api-shape';
import { computeAndStoreRatings } from '@/features/rating/refresh';

export const rate: Command = {
  name: 'rate',
  usage: `  rate --year Y [--as-of ISO] [--json]
      Rates every institute for year Y with the active rule set and stores it: final once Y has ended,
      provisional (year to date) before. Prints a table, or the API's JSON with --json.`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { year: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean' } },
    });
    const year = Number(required(values, 'year'));
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError('--year must be a year such as 2025');
    const asOf = asOfOption(values['as-of']);
    const now = new Date();
    if ((asOf ?? now) < yearStart(year)) throw new UsageError(`${year} has not started at that instant`);
    const { status, results } = await withDb((db) => computeAndStoreRatings(db, year, now, asOf));
    if (values.json) console.log(JSON.stringify({ data: results.map((r) => liveRatingToApi(r, status)) }, null, 2));
    else printTable(year, status, results);
    return 0;
  },
};

type Rated = Awaited<ReturnType<typeof computeAndStoreRatings>>;

/** One line per institute (level, points, the floors that held it), then the count of each level. */
function printTable(year: number, status: Rated['status'], results: Rated['results']): void {
  const counts = { blue: 0, yellow: 0, orange: 0, red: 0 };
  for (const { institute, rating } of results) {
    counts[rating.level]++;
    const floors = rating.floors.length ? `  floors: ${[...new Set(rating.floors.map((f) => `${f.floor} (${f.rule})`))].join(', ')}` : '';
    console.log(`${institute.code.padEnd(12)} ${rating.level.padEnd(7)} ${String(rating.points).padStart(4)} pts${floors}`);
  }
  console.log(
    `\n${results.length} institutes rated for ${year} (${status}, as of ${results[0]?.rating.asOf.toISOString() ?? '-'}): ${Object.entries(
      counts,
    )
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}.`,
  );
}
