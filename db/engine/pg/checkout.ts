import type pg from 'pg';
import { poolTimeoutError } from '../../busy';

/**
 * A connection from the pool within `waitMs`. The pool's own limit is the busy timeout; a shorter wait
 * (writeIfFree) is raced here, and a connection that arrives after it is given back at once.
 */
export function checkout(pool: pg.Pool, waitMs: number, poolLimitMs: number): Promise<pg.PoolClient> {
  const connecting = pool.connect();
  if (waitMs >= poolLimitMs) return connecting;
  return new Promise((resolve, reject) => {
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      reject(poolTimeoutError());
    }, waitMs);
    connecting.then(
      (client) => {
        if (late) client.release();
        else {
          clearTimeout(timer);
          resolve(client);
        }
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (!late) reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
