// A second process writing to a database file, one audited submission per transaction, until the file
// STOP exists (or, at most, MS milliseconds): the load that online backups must cope with. Prints how many
// submissions it stored.
// node --import tsx tests/setup/write-load.ts FILE LOGIN MS PREFIX STOP
import fs from 'node:fs';
import { openDatabase } from '@/db/client';
import { resolveActor } from '@/features/auth/resolve-actor';
import { submitRecords } from '@/features/records/submit';

const [file, login, ms, prefix, stop] = process.argv.slice(2) as [string, string, string, string, string];

// A function, not top-level await: tsx runs this file as CommonJS.
async function main(): Promise<void> {
  const db = openDatabase(file);
  const actor = await resolveActor(db, { cliLogin: login });
  if (!actor) throw new Error(`no user ${login}`);
  const until = Date.now() + Number(ms);
  let n = 0;
  while (Date.now() < until && !(n % 20 === 0 && fs.existsSync(stop))) {
    // Incidents of 2019: they never change the ratings the tests compare (later years).
    await submitRecords(
      db,
      actor,
      'incidents',
      [
        {
          externalId: `${prefix}-${n}`,
          unitCode: 'BJ01',
          domain: 'drones',
          dimension: 'loss',
          tier: 4,
          occurredAt: `2019-05-0${1 + (n % 9)}T10:00:00+08:00`,
          summary: `load ${n}`,
        },
      ],
      { now: new Date(), source: 'api' },
    );
    n++;
  }
  db.close();
  console.log(n);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
