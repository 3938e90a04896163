import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { canSubmitRecords } from '@/domain/auth/roles';
import { PageHeader } from '@/components/page-header';
import { Refusal } from '@/components/refusal';
import { scopeText } from '@/components/scope-text';
import { StoredRecordForm } from '../stored-record-form';
import { accessibleRecord } from '../record-access';

export default async function EditRecordPage({ params }: { params: Promise<{ kind: string; id: string }> }) {
  const { actor, kind, access } = await accessibleRecord(params);
  const { id } = await params;
  const t = await getTranslations();
  const db = getDb();
  if (!canSubmitRecords(actor.role)) {
    return (
      <Refusal testId="refusal" title={t('recordForms.readOnlyTitle')} body={t('validation.readOnlyRole')} homeLabel={t('refusal.home')} />
    );
  }
  const record = access.record;
  const title = `${t('recordForms.editTitle', { kind: t(`kindOne.${kind}`) })} ${String(record.externalId)}`;
  const back = `/records/${kind}/${id}`;
  const locked =
    record.status === 'withdrawn'
      ? 'recordForms.lockedWithdrawn'
      : kind === 'assessments' && record.status === 'approved'
        ? 'recordForms.lockedDecided'
        : null;
  return (
    <div className="max-w-5xl">
      <Link href={back} className="text-sm text-blue-700 hover:underline">
        ← {t('recordForms.backToRecord')}
      </Link>
      <PageHeader title={title} subtitle={await scopeText(actor)} />
      {locked ? (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900" data-testid="edit-locked">
          {t(locked)}
        </p>
      ) : (
        <StoredRecordForm db={db} actor={actor} kind={kind} access={access} back={back} submitted={record.status === 'submitted'} />
      )}
    </div>
  );
}
