import { defaultDomains, type DomainCode } from '@/domain/reference/domains';
import { shanghaiYear, yearStart } from '@/domain/time/shanghai';
import type { DemoInstitute } from '@/features/demo/demo-organisation';
import type { Random } from '@/features/demo/random';

/**
 * The draws every demo record kind shares, from the one seeded generator: an instant in a year (never after
 * `now`), the unit that owns a record (the institute or one of its departments), its domain (mostly the
 * institute's own). The generator is shared, so the order of the calls is part of the data: same seed, same
 * calls, same academy.
 */
export interface DemoDraws {
  rng: Random;
  now: Date;
  currentYear: number;
  instantIn(year: number): Date;
  owner(inst: DemoInstitute): { instituteId: number; unitId: number };
  domainFor(inst: DemoInstitute): DomainCode;
  before(at: Date): boolean;
}

export function demoDraws(rng: Random, now: Date): DemoDraws {
  const allDomains = defaultDomains.map((d) => d.code);
  return {
    rng,
    now,
    currentYear: shanghaiYear(now),
    instantIn(year) {
      const start = yearStart(year).getTime();
      const end = Math.min(yearStart(year + 1).getTime(), now.getTime());
      return new Date(start + Math.floor(rng.next() * Math.max(1, end - start)));
    },
    owner: (inst) => ({
      instituteId: inst.id,
      unitId: inst.departments.length > 0 && rng.chance(0.4) ? rng.pick(inst.departments) : inst.id,
    }),
    domainFor: (inst) => (rng.chance(0.8) ? rng.pick(inst.domains) : rng.pick(allDomains)),
    before: (at) => at.getTime() <= now.getTime(),
  };
}

export function notAfter(at: Date, now: Date): Date | null {
  return at.getTime() <= now.getTime() ? at : null;
}

/** The month (1–12) of `at` in Beijing. */
export function monthOf(at: Date): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', month: 'numeric' }).format(at));
}

/** How much of its Beijing year has passed at `now` (0–1): the current year's records are drawn pro rata. */
export function fractionOfYear(now: Date): number {
  const y = shanghaiYear(now);
  const start = yearStart(y).getTime();
  return (now.getTime() - start) / (yearStart(y + 1).getTime() - start);
}
