import { busyError } from '../busy';

/**
 * A first-come, first-served lock for one connection's transactions. A waiter that has not got its turn
 * within `waitMs` leaves the queue and fails with SQLITE_BUSY, the same "busy, try again" as SQLite's own
 * busy_timeout (db/busy.ts).
 */
export class Mutex {
  private held = false;
  private readonly queue: (() => void)[] = [];

  /** Waits for the lock; resolves with the function that gives it back (call it exactly once). */
  acquire(waitMs: number, what: string): Promise<() => void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve(() => this.release());
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        resolve(() => this.release());
      };
      const timer = setTimeout(() => {
        const at = this.queue.indexOf(grant);
        if (at >= 0) this.queue.splice(at, 1);
        reject(busyError(`${what}: still busy after ${waitMs} ms`));
      }, waitMs);
      this.queue.push(grant);
    });
  }

  /** Whether someone holds the lock now. */
  get busy(): boolean {
    return this.held;
  }

  /** How many are waiting (for tests and diagnostics). */
  get waiting(): number {
    return this.queue.length;
  }

  private release(): void {
    const next = this.queue.shift();
    // The lock passes straight to the next waiter, so no newcomer can overtake the queue.
    if (next) next();
    else this.held = false;
  }
}
