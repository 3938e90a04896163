import { eq, inArray } from 'drizzle-orm';
import type { Queryable } from '@/db/tx';
import { assessmentDimensions } from '@/db/schema';

// An assessment's risk dimensions as submitRecords compares and stores them: one key per set of
// dimensions, so a resend in another order is unchanged.

export type DimensionInput = {
  dimension: string;
  likelihood: number;
  impact: number;
  riskPoints?: string | null;
  consequences?: string | null;
  measures?: string | null;
};

export function dimensionKey(dims: DimensionInput[]): string {
  return JSON.stringify(
    [...dims]
      .map((d) => [d.dimension, d.likelihood, d.impact, d.riskPoints ?? null, d.consequences ?? null, d.measures ?? null])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  );
}

export async function dimensionRows(tx: Queryable, assessmentId: number): Promise<DimensionInput[]> {
  return await tx
    .select({
      dimension: assessmentDimensions.dimension,
      likelihood: assessmentDimensions.likelihood,
      impact: assessmentDimensions.impact,
      riskPoints: assessmentDimensions.riskPoints,
      consequences: assessmentDimensions.consequences,
      measures: assessmentDimensions.measures,
    })
    .from(assessmentDimensions)
    .where(eq(assessmentDimensions.assessmentId, assessmentId));
}

export async function loadDimensions(tx: Queryable, ids: number[]): Promise<Map<number, string>> {
  const rows = new Map<number, DimensionInput[]>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const r of await tx
      .select()
      .from(assessmentDimensions)
      .where(inArray(assessmentDimensions.assessmentId, ids.slice(i, i + 500)))) {
      const list = rows.get(r.assessmentId) ?? [];
      list.push(r);
      rows.set(r.assessmentId, list);
    }
  }
  return new Map([...rows].map(([id, dims]) => [id, dimensionKey(dims)]));
}
