import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { recordFormChoices } from '@/features/records/views/form-choices';
import { canSubmitRecords } from '@/domain/auth/roles';
import { sealOf } from '@/domain/records/seal-rules';
import { PageHeader } from '@/components/page-header';
import { Refusal } from '@/components/refusal';
import { scopeText } from '@/components/scope-text';
import { FormForKind } from '@/components/records/form-for-kind';
import { storedFormValues } from '../stored-form-values';
import { accessibleRecord } from '../record-access';

/** A sealed record's form, filled with what is stored, that proposes a correction instead of saving (decision 023). */
export default async function ProposeCorrectionPage({ params }: { params: Promise<{ kind: string; id: string }> }) {
  const { actor, kind, access } = await accessibleRecord(params);
  const { id } = await params;
  const t = await getTranslations();
  const db = getDb();
  const home = t('refusal.home');
  if (!canSubmitRecords(actor.role))
    return <Refusal testId="refusal" title={t('recordForms.readOnlyTitle')} body={t('validation.readOnlyRole')} homeLabel={home} />;
  const record = access.record;
  const back = `/records/${kind}/${id}`;
  const sealed = record.status !== 'withdrawn' && sealOf(kind, record) !== null;
  const { units, initial } = storedFormValues(db, actor.scope, kind, access);
  return (
    <div className="max-w-5xl">
      <Link href={back} className="text-sm text-blue-700 hover:underline">
        ← {t('recordForms.backToRecord')}
      </Link>
      <PageHeader
        title={`${t('corrections.proposeTitle', { kind: t(`kindOne.${kind}`) })} ${String(record.externalId)}`}
        subtitle={await scopeText(actor)}
      />
      {sealed ? (
        <div className="rounded-lg border border-gray-200 bg-white p-6">
          <FormForKind
            kind={kind}
            id={Number(id)}
            initial={initial}
            units={units}
            {...recordFormChoices(db, actor.scope)}
            cancelHref={back}
            propose
          />
        </div>
      ) : (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900" data-testid="not-sealed">
          {t('seal.notSealed')}
        </p>
      )}
    </div>
  );
}
