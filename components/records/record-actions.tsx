import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { RecordKind } from '@/domain/records/kinds';
import { withdrawRecordAction } from '@/server/actions/workflow';
import { StepForm } from './step-form';

/** Edit and withdraw, for those who may; withdrawing asks first and takes a reason. */
export async function RecordActions({
  kind,
  id,
  mayEdit,
  mayWithdraw,
}: {
  kind: RecordKind;
  id: number;
  mayEdit: boolean;
  mayWithdraw: boolean;
}) {
  const t = await getTranslations('recordWorkflow');
  if (!mayEdit && !mayWithdraw) return null;
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="record-actions">
      {mayEdit ? (
        <Link
          href={`/records/${kind}/${id}/edit`}
          className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm font-medium text-gray-800 hover:bg-gray-100"
        >
          {t('edit')}
        </Link>
      ) : null}
      {mayWithdraw ? (
        <StepForm
          action={withdrawRecordAction}
          hidden={{ id, kind }}
          fields={[{ name: 'reason', label: t('withdrawReason'), type: 'textarea' }]}
          buttons={[{ label: t('withdrawConfirm'), tone: 'danger' }]}
          confirm={{ trigger: t('withdraw'), title: t('withdrawTitle'), body: t('withdrawBody') }}
          testId="withdraw"
        />
      ) : null}
    </div>
  );
}
