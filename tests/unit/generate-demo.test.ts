import { describe, expect, it } from 'vitest';
import { generateDemo } from '@/features/demo/generate-demo';
import { DAY_MS, HOUR_MS, yearStart } from '@/domain/time/shanghai';

const now = new Date('2026-11-23T10:00:00+08:00');
const demo = generateDemo(now);

describe('demo academy', () => {
  it('is the same for the same seed and date, and different for another seed', () => {
    expect(JSON.stringify(generateDemo(now))).toBe(JSON.stringify(demo));
    expect(JSON.stringify(generateDemo(now, 7))).not.toBe(JSON.stringify(demo));
  });

  it('has one academy, 12 branches, about 100 institutes with Chinese names, and departments', () => {
    const kinds = (k: string) => demo.units.filter((u) => u.kind === k);
    expect(kinds('academy')).toHaveLength(1);
    expect(kinds('branch')).toHaveLength(12);
    expect(kinds('institute').length).toBeGreaterThanOrEqual(90);
    expect(kinds('institute').length).toBeLessThanOrEqual(120);
    expect(kinds('department').length).toBeGreaterThan(20);
    expect(kinds('institute').every((u) => /研究所$/.test(u.name!))).toBe(true);
  });

  it.each([
    '2026-01-01T00:30:00+08:00',
    '2026-01-02T12:00:00+08:00',
    '2026-03-31T23:59:00+08:00',
    '2026-11-23T10:00:00+08:00',
    '2027-01-01T00:00:00+08:00',
  ])('dates nothing after now (%s) except due dates, and keeps every record’s dates in order', (iso) => {
    const at = new Date(iso);
    const d = generateDemo(at);
    const records = [
      ...d.projects,
      ...d.assessments,
      ...d.hazards,
      ...d.incidents,
      ...d.inspections,
      ...d.ethicsCommittees,
      ...d.ethicsActivities,
      ...d.ethicsAnnualReports,
    ];
    for (const r of records) {
      for (const [key, value] of Object.entries(r)) {
        if (value instanceof Date && key !== 'dueAt') expect(value.getTime(), `${r.externalId}.${key}`).toBeLessThanOrEqual(at.getTime());
      }
    }
    const inOrder = (a: Date | null | undefined, b: Date | null | undefined) => !a || !b || a.getTime() <= b.getTime();
    for (const h of d.hazards) {
      expect(inOrder(h.foundAt, h.rectifiedAt) && inOrder(h.rectifiedAt, h.verifiedAt) && inOrder(h.foundAt, h.dueAt), h.externalId).toBe(
        true,
      );
      if (h.verifiedAt) expect(h.rectifiedAt, h.externalId).toBeTruthy();
    }
    for (const i of d.incidents)
      expect(inOrder(i.occurredAt, i.discoveredAt) && inOrder(i.discoveredAt, i.reportedAt), i.externalId).toBe(true);
    for (const a of d.assessments) expect(inOrder(a.submittedAt, a.decidedAt), a.externalId).toBe(true);
    for (const e of d.ethicsActivities) expect(inOrder(e.approvedAt, e.registeredAt), e.externalId).toBe(true);
    for (const e of d.ethicsCommittees) expect(inOrder(e.establishedAt, e.registeredAt), e.externalId).toBe(true);
  });

  it('spans three years up to now and never dates a record in the future', () => {
    const dates = [
      ...demo.incidents.map((i) => i.occurredAt!),
      ...demo.hazards.map((h) => h.foundAt!),
      ...demo.projects.map((p) => p.startedAt!),
    ];
    expect(Math.max(...dates.map((d) => d.getTime()))).toBeLessThanOrEqual(now.getTime());
    expect(Math.min(...dates.map((d) => d.getTime()))).toBeGreaterThanOrEqual(yearStart(2024).getTime());
    expect(new Set(demo.incidents.map((i) => i.domain)).size).toBeGreaterThanOrEqual(8);
  });

  it('has the variety the rating and heatmaps need', () => {
    const thisYear = (d: Date) => d.getTime() >= yearStart(2026).getTime();
    expect(demo.incidents.some((i) => i.tier! <= 2 && thisYear(i.occurredAt!))).toBe(true);
    expect(demo.hazards.some((h) => h.severity === 'major' && !h.rectifiedAt && h.dueAt!.getTime() < now.getTime() - 90 * DAY_MS)).toBe(
      true,
    );
    const deadline = { 1: 2, 2: 2, 3: 24, 4: 72 } as Record<number, number>;
    expect(demo.incidents.some((i) => i.reportedAt!.getTime() - i.discoveredAt!.getTime() > deadline[i.tier!]! * HOUR_MS)).toBe(true);
    expect(demo.assessments.some((a) => a.status !== 'approved')).toBe(true);
    const surge = demo.hazards.filter((h) => h.externalId!.startsWith('HAZ-SURGE'));
    expect(surge.length).toBeGreaterThanOrEqual(10);
  });

  it('files some records against departments, which roll up to their institute', () => {
    const depIds = new Set(demo.units.filter((u) => u.kind === 'department').map((u) => u.id));
    const onDept = demo.hazards.filter((h) => depIds.has(h.unitId));
    expect(onDept.length).toBeGreaterThan(0);
    for (const h of onDept) expect(demo.units.find((u) => u.id === h.unitId)!.instituteId).toBe(h.instituteId);
  });
});
