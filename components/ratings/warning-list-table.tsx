import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import type { WarningEntry } from '@/domain/rating/warning-list';
import { confirmEntryAction, liftEntryAction } from '@/server/actions/warning-list';
import { localName, toLocale } from '@/domain/i18n/locales';
import { warningReasonText } from '@/domain/rating/proposed-reason';
import { formatDateTime } from '@/domain/time/shanghai';
import { DataTable } from '@/components/data-table';
import { ConfirmAction } from './confirm-action';

const tone: Record<WarningEntry['status'], string> = {
  proposed: 'bg-amber-100 text-amber-900',
  confirmed: 'bg-red-100 text-red-900',
  lifted: 'bg-gray-100 text-gray-700',
};

/** Warning-list entries; the office gets confirm and lift buttons, each asking first. */
export async function WarningListTable({ entries, manage, testId }: { entries: WarningEntry[]; manage: boolean; testId: string }) {
  const t = await getTranslations('warningList');
  const locale = toLocale(await getLocale());
  const byAt = (at: Date | null, by: string | null) => (at ? t('byAt', { at: formatDateTime(at), by: by ?? '—' }) : '—');
  return (
    <DataTable
      testId={testId}
      columns={[
        { label: t('subject') },
        { label: t('reason') },
        { label: t('status') },
        { label: t('added') },
        { label: t('confirmed') },
        { label: t('lifted') },
        ...(manage ? [{ label: t('actions') }] : []),
      ]}
    >
      {entries.map((e) => {
        const unit = localName(locale, { name: e.unitName, nameEn: e.unitNameEn });
        const subject = e.personName ? t('person', { person: e.personName, unit }) : unit;
        const reason = warningReasonText(e, t);
        return (
          <tr key={e.id} className="border-t border-gray-100 align-top" data-entry={e.id} data-status={e.status}>
            <td className="px-4 py-2">
              <Link href={`/units/${encodeURIComponent(e.unitCode)}`} className="text-blue-700 hover:underline">
                {subject}
              </Link>
              <span className="ml-2 font-mono text-xs text-gray-500">{e.unitCode}</span>
            </td>
            <td className="max-w-sm px-4 py-2">
              <span data-testid="entry-reason">{reason}</span>
              {e.ratingYear ? (
                <Link
                  href={`/ratings/${e.ratingYear}/${encodeURIComponent(e.unitCode)}`}
                  className="ml-2 whitespace-nowrap text-xs text-blue-700 hover:underline"
                >
                  {t('fromRating', { year: e.ratingYear })}
                </Link>
              ) : null}
            </td>
            <td className="px-4 py-2">
              <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${tone[e.status]}`}>
                {t(`statusWord.${e.status}`)}
              </span>
            </td>
            <td className="px-4 py-2 text-xs tabular-nums">{byAt(e.createdAt, e.createdBy)}</td>
            <td className="px-4 py-2 text-xs tabular-nums">{byAt(e.confirmedAt, e.confirmedBy)}</td>
            <td className="px-4 py-2 text-xs tabular-nums">{byAt(e.liftedAt, e.liftedBy)}</td>
            {manage ? <EntryActions entry={e} subject={subject} reason={reason} t={t} /> : null}
          </tr>
        );
      })}
    </DataTable>
  );
}

type T = Awaited<ReturnType<typeof getTranslations<'warningList'>>>;

/** The office's buttons on one entry: confirm a proposal, lift an entry not yet lifted. */
function EntryActions({ entry: e, subject, reason, t }: { entry: WarningEntry; subject: string; reason: string; t: T }) {
  return (
    <td className="px-4 py-2">
      <div className="flex flex-wrap gap-2">
        {e.status === 'proposed' ? (
          <ConfirmAction
            testId={`confirm-${e.id}`}
            action={confirmEntryAction}
            fields={{ id: e.id }}
            small
            label={t('confirm')}
            title={t('confirmTitle', { subject })}
            body={t('confirmBody', { reason })}
            confirmLabel={t('confirm')}
            cancelLabel={t('cancel')}
          />
        ) : null}
        {e.status !== 'lifted' ? (
          <ConfirmAction
            testId={`lift-${e.id}`}
            action={liftEntryAction}
            fields={{ id: e.id }}
            small
            variant="quiet"
            label={t('lift')}
            title={t('liftTitle', { subject })}
            body={t('liftBody')}
            confirmLabel={t('lift')}
            cancelLabel={t('cancel')}
          />
        ) : null}
      </div>
    </td>
  );
}
