import { and, asc, count, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Queryable } from '../tx';
import { first } from '../engine';
import {
  assessments,
  ethicsActivities,
  ethicsAnnualReports,
  ethicsCommittees,
  projects,
  ratingContributions,
  ratings,
  units,
} from '../schema';
import type { Scope } from '@/domain/auth/actor';
import { inScope } from '@/db/scope';
import type { ProjectLine, RatedYear } from '@/domain/dashboards/types';
import { assessmentScoreSql } from '@/db/records';
import type { StoredStatus } from '@/db/rating/ratings';

// The sections of a unit's page that are not already shared with the record lists or the domain pages.

const statusRank: Record<StoredStatus, number> = { provisional: 0, final: 1, published: 2 };

/** One rating per year for an institute (published, else final, else provisional), newest first, with its reasons by rule. */
export async function ratedYears(q: Queryable, instituteId: number): Promise<RatedYear[]> {
  const best = new Map<number, Omit<RatedYear, 'reasons'>>();
  for (const r of await q
    .select({
      id: ratings.id,
      year: ratings.year,
      status: ratings.status,
      level: ratings.level,
      levelByPoints: ratings.levelByPoints,
      points: ratings.points,
      floors: ratings.floors,
    })
    .from(ratings)
    .where(eq(ratings.instituteId, instituteId))) {
    const known = best.get(r.year);
    if (!known || statusRank[r.status] > statusRank[known.status]) best.set(r.year, r);
  }
  const chosen = [...best.values()].sort((a, b) => b.year - a.year);
  if (chosen.length === 0) return [];
  const reasons = await q
    .select({
      ratingId: ratingContributions.ratingId,
      rule: ratingContributions.rule,
      n: count(),
      points: sql<number>`sum(${ratingContributions.points})`,
    })
    .from(ratingContributions)
    .where(
      and(
        inArray(
          ratingContributions.ratingId,
          chosen.map((c) => c.id),
        ),
        ne(ratingContributions.points, 0),
      ),
    )
    .groupBy(ratingContributions.ratingId, ratingContributions.rule);
  return chosen.map((c) => ({
    ...c,
    floors: c.floors.map((f) => ({ floor: f.floor, rule: f.rule })),
    reasons: reasons
      .filter((r) => r.ratingId === c.id)
      .map((r) => ({ rule: r.rule, n: r.n, points: Number(r.points) }))
      .sort((a, b) => b.points - a.points || a.rule.localeCompare(b.rule)),
  }));
}

/** Projects in scope (withdrawn ones left out), newest first, each with its latest assessment that is not withdrawn. */
export async function projectLines(q: Queryable, scope: Scope, limit: number): Promise<{ rows: ProjectLine[]; total: number }> {
  const where = and(inScope(projects.unitId, scope), ne(projects.status, 'withdrawn'));
  const total = first(await q.select({ n: count() }).from(projects).where(where))?.n ?? 0;
  const latest = sql<
    number | null
  >`(select max(a.id) from ${assessments} a where a.project_id = ${sql.raw('"projects"."id"')} and a.status != 'withdrawn')`;
  const rows = await q
    .select({
      id: projects.id,
      externalId: projects.externalId,
      title: projects.title,
      domain: projects.domain,
      status: projects.status,
      startedAt: projects.startedAt,
      unitCode: units.code,
      unitName: units.name,
      unitNameEn: units.nameEn,
      latest,
    })
    .from(projects)
    .innerJoin(units, eq(units.id, projects.unitId))
    .where(where)
    .orderBy(desc(sql`coalesce(${projects.startedAt}, ${projects.createdAt})`), desc(projects.id))
    .limit(limit);
  const ids = rows.map((r) => r.latest).filter((id): id is number => id !== null);
  const found = new Map(
    (ids.length
      ? await q
          .select({
            id: assessments.id,
            externalId: assessments.externalId,
            stage: assessments.stage,
            status: assessments.status,
            score: assessmentScoreSql,
          })
          .from(assessments)
          .where(inArray(assessments.id, ids))
      : []
    ).map((a) => [a.id, { ...a, score: a.score === null ? null : Number(a.score) }]),
  );
  return { rows: rows.map(({ latest: id, ...r }) => ({ ...r, assessment: id === null ? null : (found.get(id) ?? null) })), total };
}

export interface EthicsRecords {
  committees: {
    id: number;
    externalId: string;
    name: string | null;
    establishedAt: Date;
    registeredAt: Date | null;
    dissolvedAt: Date | null;
  }[];
  activities: {
    id: number;
    externalId: string;
    title: string | null;
    approvedAt: Date;
    registeredAt: Date | null;
    reReviewedAt: Date | null;
  }[];
  reports: { id: number; year: number; submittedAt: Date }[];
}

/** The ethics records in scope that carry duties (withdrawn ones left out). */
export async function ethicsRecords(q: Queryable, scope: Scope): Promise<EthicsRecords> {
  return {
    committees: await q
      .select({
        id: ethicsCommittees.id,
        externalId: ethicsCommittees.externalId,
        name: ethicsCommittees.name,
        establishedAt: ethicsCommittees.establishedAt,
        registeredAt: ethicsCommittees.registeredAt,
        dissolvedAt: ethicsCommittees.dissolvedAt,
      })
      .from(ethicsCommittees)
      .where(and(inScope(ethicsCommittees.unitId, scope), ne(ethicsCommittees.status, 'withdrawn')))
      .orderBy(asc(ethicsCommittees.establishedAt)),
    activities: await q
      .select({
        id: ethicsActivities.id,
        externalId: ethicsActivities.externalId,
        title: ethicsActivities.title,
        approvedAt: ethicsActivities.approvedAt,
        registeredAt: ethicsActivities.registeredAt,
        reReviewedAt: ethicsActivities.reReviewedAt,
      })
      .from(ethicsActivities)
      .where(and(inScope(ethicsActivities.unitId, scope), ne(ethicsActivities.status, 'withdrawn')))
      .orderBy(desc(ethicsActivities.approvedAt)),
    reports: await q
      .select({ id: ethicsAnnualReports.id, year: ethicsAnnualReports.year, submittedAt: ethicsAnnualReports.submittedAt })
      .from(ethicsAnnualReports)
      .where(and(inScope(ethicsAnnualReports.unitId, scope), ne(ethicsAnnualReports.status, 'withdrawn')))
      .orderBy(desc(ethicsAnnualReports.year)),
  };
}
