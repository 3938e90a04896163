import { VERIFY_CONCURRENCY, VERIFY_QUEUE } from '@/domain/auth/session-policy';

/**
 * A counting semaphore with a bounded line. It lives in the process on purpose: what it shares out is this
 * process's CPU, so there is nothing for other processes to agree on (unlike the failure counts).
 */
export class Gate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly limit: number,
    private readonly queue: number,
  ) {}

  /** Runs `work` when a place is free; answers 'busy' at once, without running it, when the line is full. */
  async run<T>(work: () => Promise<T>): Promise<T | 'busy'> {
    if (this.running >= this.limit) {
      if (this.waiting.length >= this.queue) return 'busy';
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      // The place passes straight to the next in line, so `running` never dips and lets a newcomer jump ahead.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/** Every password check of this process (login, change of password) goes through this one gate. */
export const passwordGate = new Gate(VERIFY_CONCURRENCY, VERIFY_QUEUE);
