import { parseArgs } from 'node:util';
import { required, UsageError, withDb, type Command } from '@/cli/command';
import { isMonth } from '@/domain/time/months';
import { shanghaiMonth } from '@/domain/time/shanghai';
import { generateBulletin } from '@/features/bulletins/due-bulletins';

export const bulletin: Command = {
  name: 'bulletin',
  usage: `  bulletin --month YYYY-MM
      Generates the monthly bulletin of that month and stores it; if it exists, says so and changes nothing.`,
  async run(args) {
    const { values } = parseArgs({ args, options: { month: { type: 'string' } } });
    const month = required(values, 'month');
    if (!isMonth(month)) throw new UsageError('--month must be a month such as 2026-10 (YYYY-MM)');
    const now = new Date();
    if (month >= shanghaiMonth(now)) throw new UsageError(`${month} has not ended yet; a bulletin covers a whole month`);
    const outcome = await withDb((db) => generateBulletin(db, month, now));
    if (outcome === 'generated') console.log(`Bulletin ${month} generated.`);
    else if (outcome === 'exists') console.log(`Bulletin ${month} already exists; nothing changed.`);
    else {
      console.error(
        `Bulletin ${month} was not generated (${outcome === 'skipped' ? 'another process is generating it' : 'it failed; see the log above'}).`,
      );
      return 1;
    }
    return 0;
  },
};
