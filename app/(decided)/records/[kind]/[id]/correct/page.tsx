import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { canSubmitRecords } from '@/domain/auth/roles';
import { sealOf } from '@/domain/records/seal-rules';
import { PageHeader } from '@/components/page-header';
import { Refusal } from '@/components/refusal';
import { scopeText } from '@/components/scope-text';
import { StoredRecordForm } from '../stored-record-form';
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
        <StoredRecordForm db={db} actor={actor} kind={kind} access={access} back={back} propose />
      ) : (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900" data-testid="not-sealed">
          {t('seal.notSealed')}
        </p>
      )}
    </div>
  );
}
