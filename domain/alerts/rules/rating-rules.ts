import { levels, type Level } from '@/domain/reference/level-codes';
import { say, levelName, unitName } from '@/domain/alerts/say';
import type { AlertFacts, AlertRules, CandidateAlert } from '@/domain/alerts/types';

const ratingLink = (facts: Pick<AlertFacts, 'units'>, year: number, id: number) => ({
  kind: 'rating' as const,
  year,
  unitCode: facts.units.get(id)?.code ?? String(id),
});

/**
 * rating.rise: a unit's provisional (year-to-date) level is worse than blue, where every unit starts the
 * year. Period: unit + year + the level reached, so each level a unit reaches in a year fires once, whether
 * it was reached yesterday or while the server was down; falling back and rising again does not repeat it.
 */
export function ratingRise(facts: AlertFacts, rules: AlertRules): CandidateAlert[] {
  if (!rules.alerts['rating.rise'].enabled) return [];
  return facts.ratings
    .filter((r) => r.level !== 'blue')
    .map((r) => ({
      rule: 'rating.rise' as const,
      subjectKind: 'unit' as const,
      subjectKey: String(r.instituteId),
      period: `${r.year}:${r.level}`,
      colour: r.level,
      unitId: r.instituteId,
      domain: null,
      ...say('ratingRise', { unit: unitName(facts, r.instituteId), year: r.year, level: levelName(r.level), points: r.points }),
      details: { links: [ratingLink(facts, r.year, r.instituteId)], level: r.level, points: r.points },
    }));
}

/**
 * rating.near: provisional points at or above `percent` % of the next level's threshold without reaching it
 * (RATING.md §7: ≥ 8 while blue, ≥ 20 while yellow, ≥ 40 while orange). Period: unit + year + the level neared.
 */
export function ratingNear(facts: AlertFacts, rules: AlertRules): CandidateAlert[] {
  const rule = rules.alerts['rating.near'];
  if (!rule.enabled) return [];
  const out: CandidateAlert[] = [];
  for (const r of facts.ratings) {
    const next = levels[levels.indexOf(r.level) + 1] as Exclude<Level, 'blue'> | undefined;
    if (!next) continue;
    const threshold = rules.rating.levelThresholds[next];
    const need = Math.ceil((threshold * rule.percent) / 100);
    if (r.points < need || r.points >= threshold) continue;
    out.push({
      rule: 'rating.near',
      subjectKind: 'unit',
      subjectKey: String(r.instituteId),
      period: `${r.year}:${next}`,
      colour: rule.colour,
      unitId: r.instituteId,
      domain: null,
      ...say('ratingNear', { unit: unitName(facts, r.instituteId), year: r.year, points: r.points, threshold, next: levelName(next) }),
      details: { links: [ratingLink(facts, r.year, r.instituteId)], points: r.points, threshold, level: r.level },
    });
  }
  return out;
}
