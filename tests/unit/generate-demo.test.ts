import { describe, expect, it } from 'vitest';
import { generateDemo } from '@/lib/demo/generate-demo';
import { DAY_MS, HOUR_MS, yearStart } from '@/lib/time';

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
