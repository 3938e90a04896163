import type { Db } from '@/db/tx';
import type { RecordAccess } from '@/db/records/read';
import type { Actor } from '@/domain/auth/actor';
import type { RecordKind } from '@/domain/records/kinds';
import { recordFormChoices } from '@/features/records/views/form-choices';
import { FormForKind } from '@/components/records/form-for-kind';
import { storedFormValues } from './stored-form-values';

/** A stored record's form, for editing it or proposing its correction, filled with what is stored. */
export async function StoredRecordForm({
  db,
  actor,
  kind,
  access,
  back,
  submitted,
  propose,
}: {
  db: Db;
  actor: Actor;
  kind: RecordKind;
  access: Extract<RecordAccess, { status: 'ok' }>;
  back: string;
  submitted?: boolean;
  propose?: boolean;
}) {
  const { units, initial } = await storedFormValues(db, actor.scope, kind, access);
  const choices = await recordFormChoices(db, actor.scope);
  return (
    <div className="rounded-lg border border-gray-200 bg-white p-6">
      <FormForKind
        kind={kind}
        id={Number(access.record.id)}
        initial={initial}
        units={units}
        {...choices}
        cancelHref={back}
        submitted={submitted}
        propose={propose}
      />
    </div>
  );
}
