import type { Db } from '@/db/client';

/**
 * What was audited after entry `afterId`, up to and including `throughId`: each entity kind with the
 * institute its unit rolls up to (null when the entry names no unit, or a unit under no institute).
 */
export function auditedSince(db: Db, afterId: number, throughId: number): { kind: string; instituteId: number | null }[] {
  return db.$client
    .prepare(
      `SELECT DISTINCT a.entity_kind AS kind, u.institute_id AS instituteId
         FROM audit_log a LEFT JOIN units u ON u.id = a.unit_id
        WHERE a.id > ? AND a.id <= ?`,
    )
    .all(afterId, throughId) as { kind: string; instituteId: number | null }[];
}
