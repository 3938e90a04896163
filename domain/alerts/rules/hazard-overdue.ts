import { say, day, domainName, unitName } from '@/domain/alerts/say';
import type { AlertFacts, AlertRules, CandidateAlert, HazardFact } from '@/domain/alerts/types';

/**
 * At most this many hazards of one institute get their own hazard.overdue alert in one run; the rest are
 * counted in one summary alert per institute per day (docs/decisions/030-alert-floods.md). An institute
 * that files 150,000 overdue hazards must not file 150,000 alerts (and e-mails, and inbox rows).
 */
export const HAZARD_OVERDUE_CAP = 50;

/** The summary's period suffix: one per institute per local day. */
export const OVERDUE_SUMMARY_PERIOD = 'overdue-hazards';

/** Which hazards get their own alert first: major before general, then the longest overdue, then by id. */
function priority(a: HazardFact, b: HazardFact): number {
  if (a.severity !== b.severity) return a.severity === 'major' ? -1 : 1;
  return a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id;
}

/**
 * hazard.overdue: a hazard whose due date lies before the as-of instant and that is still not rectified
 * then (a hazard rectified late before the run no longer needs a warning; the rating counts it anyway).
 * Period: the due date (as an instant), so a hazard whose deadline is extended fires again when it passes that.
 * Per institute, the first HAZARD_OVERDUE_CAP by priority fire one each; if there are more, one summary
 * alert (subject: the institute, period: `YYYY-MM-DD:overdue-hazards`, the local day of the run) counts the
 * rest and links to the institute's overdue hazard list. The choice is a pure function of the overdue set,
 * so a repeated run picks the same hazards and the same day's summary, and the unique index stores nothing new.
 */
export function hazardOverdue(facts: AlertFacts, rules: AlertRules, asOf: Date): CandidateAlert[] {
  const rule = rules.alerts['hazard.overdue'];
  if (!rule.enabled) return [];
  const t = asOf.getTime();
  const byInstitute = new Map<number, HazardFact[]>();
  for (const h of facts.hazards) {
    if (h.withdrawn || h.dueAt.getTime() >= t || (h.rectifiedAt !== null && h.rectifiedAt.getTime() <= t)) continue;
    const key = h.instituteId ?? h.unitId;
    const list = byInstitute.get(key);
    if (list) list.push(h);
    else byInstitute.set(key, [h]);
  }
  const out: CandidateAlert[] = [];
  for (const [instituteId, overdue] of byInstitute) {
    overdue.sort(priority);
    for (const h of overdue.slice(0, HAZARD_OVERDUE_CAP)) out.push(individual(facts, rule, h));
    const rest = overdue.slice(HAZARD_OVERDUE_CAP);
    if (rest.length > 0) out.push(summary(facts, rule, instituteId, rest, asOf));
  }
  return out;
}

function individual(facts: AlertFacts, rule: AlertRules['alerts']['hazard.overdue'], h: HazardFact): CandidateAlert {
  return {
    rule: 'hazard.overdue' as const,
    subjectKind: 'hazard' as const,
    subjectKey: String(h.id),
    period: h.dueAt.toISOString(),
    colour: rule[h.severity],
    unitId: h.unitId,
    domain: h.domain,
    ...say(h.severity === 'major' ? 'hazardOverdueMajor' : 'hazardOverdueGeneral', {
      unit: unitName(facts, h.unitId),
      ref: h.externalId,
      due: day(h.dueAt),
      domain: domainName(facts, h.domain),
    }),
    details: {
      links: [{ kind: 'record' as const, recordKind: 'hazards', id: h.id, externalId: h.externalId }],
      dueAt: h.dueAt.toISOString(),
    },
  };
}

function summary(
  facts: AlertFacts,
  rule: AlertRules['alerts']['hazard.overdue'],
  instituteId: number,
  rest: HazardFact[],
  asOf: Date,
): CandidateAlert {
  const major = rest.filter((h) => h.severity === 'major').length;
  const code = facts.units.get(instituteId)?.code ?? String(instituteId);
  return {
    rule: 'hazard.overdue' as const,
    subjectKind: 'unit' as const,
    subjectKey: String(instituteId),
    period: `${day(asOf)}:${OVERDUE_SUMMARY_PERIOD}`,
    colour: rule[major > 0 ? 'major' : 'general'],
    unitId: instituteId,
    domain: null,
    ...say('hazardOverdueMore', {
      unit: unitName(facts, instituteId),
      count: rest.length.toLocaleString('en-US'),
      major: major.toLocaleString('en-US'),
      cap: HAZARD_OVERDUE_CAP,
    }),
    details: {
      links: [{ kind: 'filtered' as const, recordKind: 'hazards', unitCode: code, state: 'overdue' }],
      more: rest.length,
      major,
      cap: HAZARD_OVERDUE_CAP,
    },
  };
}
