import fs from 'node:fs';
import { MULTI, SERVER_NAMES } from './config';
import { createDatabase, seedDatabase } from './database';
import { startNginx } from './nginx';
import { startApp, stopPid } from './servers';
import { readState, writeState } from './state';

// The multi-server run's setup (playwright.multi.config.ts): one database on the chosen engine, migrated and
// seeded with the demo academy as `npm start` seeds it; two production servers on it, started at once; nginx
// in front of them. Answers the teardown, which stops every process the run started.

export default async function globalSetup(): Promise<() => Promise<void>> {
  const started = Date.now();
  fs.rmSync(MULTI.dir, { recursive: true, force: true });
  fs.mkdirSync(MULTI.dir, { recursive: true });
  writeState({ engine: MULTI.engine, dbEnv: {}, pids: {}, startedAt: started });
  let release: () => Promise<void> = () => Promise.resolve();
  const teardown = async () => {
    for (const pid of Object.values(readState().pids)) await stopPid(pid, 'SIGTERM');
    await release();
  };
  try {
    const created = await createDatabase(MULTI.engine);
    release = created.release;
    const { dbEnv } = created;
    writeState({ ...readState(), dbEnv });
    seedDatabase(dbEnv);
    const seeded = Date.now();
    await Promise.all(SERVER_NAMES.map((n) => startApp(n)));
    await startNginx();
    console.log(
      `[multi] ${MULTI.engine}: seeded in ${((seeded - started) / 1000).toFixed(1)} s, servers ${SERVER_NAMES.map(
        (n) => MULTI.ports[n],
      ).join(' and ')} and nginx ${MULTI.nginxPort} up after ${((Date.now() - seeded) / 1000).toFixed(1)} s`,
    );
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
