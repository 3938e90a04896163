import type { Db } from '@/db/tx';
import { filingUnits, projectExternalIdOf, type RecordAccess } from '@/db/records/read';
import type { RecordKind } from '@/db/records/record-kinds';
import type { Scope } from '@/domain/auth/actor';
import { dimensionText, recordText } from '@/components/records/form-props';

/**
 * What a record's form opens with, for editing it or proposing its correction: its stored values as text,
 * and the units it may be filed under, those of its own institute (an edit may move it to a department, not
 * to another institute).
 */
export async function storedFormValues(db: Db, scope: Scope, kind: RecordKind, access: Extract<RecordAccess, { status: 'ok' }>) {
  const record = access.record;
  const units = (await filingUnits(db, scope)).filter((u) => u.instituteId === record.instituteId);
  const projectRef = typeof record.projectId === 'number' ? await projectExternalIdOf(db, record.projectId) : null;
  const initial = {
    ...recordText(kind, record, { unitCode: access.unit.code, projectExternalId: projectRef }),
    ...(access.dimensions ? dimensionText(access.dimensions) : {}),
  };
  return { units, initial };
}
