import fc from 'fast-check';
import { expect, it } from 'vitest';
import { levels } from '@/domain/reference/level-codes';
import { CAS_2019_V1 } from '@/domain/rating/default-rule-set';
import { evaluate, levelByPoints, worseLevel } from '@/domain/rating/evaluate';
import type { RatingRecords, Tier } from '@/domain/rating/types';
import { reversed } from './builders';

// Instants from the start of 2023 to the end of 2026 local time, so records fall before, in and after
// the rated year 2025, and some fall exactly on a boundary.
const FROM = Date.parse('2023-01-01T00:00:00+08:00');
const TO = Date.parse('2027-01-01T00:00:00+08:00');
const boundaries = ['2025-01-01T00:00:00+08:00', '2025-04-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'].map(Date.parse);
const instant = fc
  .oneof({ weight: 9, arbitrary: fc.integer({ min: FROM, max: TO }) }, { weight: 1, arbitrary: fc.constantFrom(...boundaries) })
  .map((ms) => new Date(ms));
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const id = fc.integer({ min: 1, max: 40 });
const ext = fc.constantFrom('A', 'B', 'C');

// Ids are unique within a kind, as primary keys are.
const unique = <T extends { id: number }>(a: fc.Arbitrary<T>, c: { maxLength: number }) =>
  fc.uniqueArray(a, { selector: (r) => r.id, ...c });

const recordsArb: fc.Arbitrary<RatingRecords> = fc.record({
  incidents: unique(
    fc.record({
      id,
      externalId: ext,
      tier: fc.constantFrom<Tier>(1, 2, 3, 4),
      occurredAt: instant,
      discoveredAt: instant,
      reportedAt: instant,
      deaths: fc.integer({ min: 0, max: 40 }),
      seriousInjuries: fc.integer({ min: 0, max: 120 }),
      directLossCny: fc.integer({ min: 0, max: 200_000_000 }),
      concealed: fc.boolean(),
      withdrawn: fc.boolean(),
    }),
    { maxLength: 8 },
  ),
  hazards: unique(
    fc.record({
      id,
      externalId: ext,
      severity: fc.constantFrom('general' as const, 'major' as const),
      foundAt: instant,
      dueAt: instant,
      rectifiedAt: maybe(instant),
      withdrawn: fc.boolean(),
    }),
    { maxLength: 8 },
  ),
  projects: unique(
    fc.record({
      id,
      externalId: ext,
      startedAt: maybe(instant),
      requiresPermit: fc.boolean(),
      permitAt: maybe(instant),
      requiresFiling: fc.boolean(),
      filedAt: maybe(instant),
      withdrawn: fc.boolean(),
    }),
    { maxLength: 6 },
  ),
  assessments: unique(
    fc.record({
      id,
      externalId: ext,
      projectId: id,
      status: fc.constantFrom('draft' as const, 'submitted' as const, 'approved' as const, 'rejected' as const, 'withdrawn' as const),
      decidedAt: maybe(instant),
    }),
    { maxLength: 6 },
  ),
  ethicsCommittees: unique(
    fc.record({
      id,
      externalId: ext,
      establishedAt: instant,
      registeredAt: maybe(instant),
      dissolvedAt: maybe(instant),
      withdrawn: fc.boolean(),
    }),
    { maxLength: 3 },
  ),
  ethicsActivities: unique(fc.record({ id, externalId: ext, approvedAt: instant, registeredAt: maybe(instant), withdrawn: fc.boolean() }), {
    maxLength: 4,
  }),
  annualReports: unique(
    fc.record({ id, externalId: ext, year: fc.integer({ min: 2023, max: 2026 }), submittedAt: instant, withdrawn: fc.boolean() }),
    { maxLength: 3 },
  ),
});
const asOfArb = fc.integer({ min: Date.parse('2025-01-01T00:00:00+08:00'), max: TO }).map((ms) => new Date(ms));
const rank = (l: (typeof levels)[number]) => levels.indexOf(l);

it('never rates better than a floor or the level by points, and adds up its contributions', () => {
  fc.assert(
    fc.property(recordsArb, asOfArb, (records, asOf) => {
      const r = evaluate(records, CAS_2019_V1, 2025, asOf);
      for (const f of r.floors) expect(rank(r.level)).toBeGreaterThanOrEqual(rank(f.floor));
      expect(rank(r.level)).toBeGreaterThanOrEqual(rank(r.levelByPoints));
      expect(r.points).toBe(r.contributions.reduce((sum, c) => sum + c.points, 0));
      expect(r.levelByPoints).toBe(levelByPoints(r.points, CAS_2019_V1));
      // The level is exactly the worse of the two: no other path raises it.
      expect(r.level).toBe(r.floors.reduce((l, f) => worseLevel(l, f.floor), r.levelByPoints));
      // Every floor has its own contribution line and vice versa.
      expect(r.floors).toEqual(
        r.contributions
          .filter((c) => c.floor !== null)
          .map((c) => ({ floor: c.floor, rule: c.rule, kind: c.kind, recordId: c.recordId, externalId: c.externalId })),
      );
      expect(r.contributions.every((c) => c.points >= 0)).toBe(true);
    }),
    { numRuns: 500 },
  );
});

it('is deterministic and independent of the order of the records', () => {
  fc.assert(
    fc.property(recordsArb, asOfArb, (records, asOf) => {
      expect(JSON.stringify(evaluate(reversed(records), CAS_2019_V1, 2025, asOf))).toBe(
        JSON.stringify(evaluate(records, CAS_2019_V1, 2025, asOf)),
      );
    }),
    { numRuns: 300 },
  );
});
