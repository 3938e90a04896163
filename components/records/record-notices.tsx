import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { RecordKind } from '@/domain/records/kinds';
import { acceptEthicsAction } from '@/server/actions/workflow';
import { Notice } from './panel';
import { SavedNotice } from './saved-notice';
import { StepForm } from './step-form';

/** What a record's page says above its panel: what was just saved, its seal, the ethics acceptance, withdrawal. */
export async function RecordNotices({
  kind,
  id,
  saved,
  seal,
  decidesSeal,
  mayWrite,
  mayAccept,
  withdrawn,
}: {
  kind: RecordKind;
  id: number;
  saved: string | null;
  /** The record's seal state (decision 023), null when not sealed. */
  seal: { state: string } | null;
  decidesSeal: boolean;
  mayWrite: boolean;
  mayAccept: boolean;
  withdrawn: boolean;
}) {
  const t = await getTranslations();
  return (
    <div className="mb-4 space-y-2">
      {saved ? <SavedNotice>{t(`recordForms.saved.${saved}` as 'recordForms.saved.created')}</SavedNotice> : null}
      {seal && !withdrawn ? (
        <Notice tone="info" testId="sealed">
          {t('corrections.sealedNotice', { state: t(`corrections.states.${seal.state}` as 'corrections.states.closed') })}{' '}
          {decidesSeal ? t('corrections.sealedReviewer') : null}
          {mayWrite ? (
            <Link
              href={`/records/${kind}/${id}/correct`}
              className="ml-2 font-medium text-blue-700 hover:underline"
              data-testid="propose-correction"
            >
              {t('corrections.propose')}
            </Link>
          ) : null}
        </Notice>
      ) : null}
      {mayAccept ? (
        <StepForm
          action={acceptEthicsAction}
          hidden={{ id, kind }}
          buttons={[{ label: t('corrections.acceptEthics') }]}
          testId="accept-ethics"
        />
      ) : null}
      {withdrawn ? (
        <Notice tone="warn" testId="withdrawn">
          {t('recordWorkflow.withdrawnNotice')}
        </Notice>
      ) : null}
    </div>
  );
}
