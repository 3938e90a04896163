import { sql } from 'drizzle-orm';
import { rawAll } from '@/db/engine';
import type { Queryable } from '@/db/tx';

/**
 * What was audited after entry `afterId`, up to and including `throughId`: each entity kind with the
 * institute its unit rolls up to (null when the entry names no unit, or a unit under no institute).
 */
export function auditedSince(q: Queryable, afterId: number, throughId: number): Promise<{ kind: string; instituteId: number | null }[]> {
  return rawAll<{ kind: string; instituteId: number | null }>(
    q,
    sql`SELECT DISTINCT a.entity_kind AS kind, u.institute_id AS "instituteId"
          FROM audit_log a LEFT JOIN units u ON u.id = a.unit_id
         WHERE a.id > ${afterId} AND a.id <= ${throughId}`,
  );
}
