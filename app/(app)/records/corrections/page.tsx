import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { pendingCorrections } from '@/db/records/corrections';
import { isRecordKind } from '@/db/records/record-kinds';
import { requireActor } from '@/server/auth/current-actor';
import { localName, toLocale } from '@/domain/i18n/locales';
import { formatDateTime } from '@/domain/time/shanghai';
import { DataTable } from '@/components/data-table';
import { PageHeader } from '@/components/page-header';
import { scopeText } from '@/components/scope-text';

/** The corrections waiting for a decision in the viewer's scope, oldest first; each opens its record, where reviewers decide. */
export default async function PendingCorrectionsPage() {
  const actor = await requireActor();
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const rows = await pendingCorrections(getDb(), actor.scope);
  return (
    <div className="max-w-5xl">
      <PageHeader title={t('corrections.pendingTitle')} subtitle={await scopeText(actor)} />
      <p className="mb-4 text-sm text-gray-600">{t('corrections.pendingIntro')}</p>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-gray-200 bg-white p-6 text-sm text-gray-600" data-testid="corrections-empty">
          {t('corrections.pendingEmpty')}
        </p>
      ) : (
        <DataTable
          testId="pending-corrections"
          columns={[
            { label: t('corrections.record') },
            { label: t('fields.unit') },
            { label: t('corrections.fields') },
            { label: t('corrections.reason') },
            { label: t('corrections.proposedBy') },
          ]}
        >
          {rows.map((c) => (
            <tr key={c.id} className="border-t border-gray-100 align-top">
              <td className="px-4 py-2">
                <Link href={`/records/${c.kind}/${c.recordId}`} className="text-blue-700 hover:underline">
                  {isRecordKind(c.kind) ? t(`kindOne.${c.kind}`) : c.kind} {String(c.item.externalId ?? `AR-${String(c.item.year)}`)}
                </Link>
              </td>
              <td className="px-4 py-2">{localName(locale, { nameZh: c.unitName, nameEn: c.unitNameEn })}</td>
              <td className="px-4 py-2">
                {Object.keys(c.changes)
                  .map((f) => (t.has(`fields.${f}`) ? t(`fields.${f}` as 'fields.title') : f))
                  .join('，')}
              </td>
              <td className="whitespace-pre-wrap px-4 py-2">{c.reason}</td>
              <td className="px-4 py-2">
                {c.proposedByName}
                <br />
                <span className="tabular-nums text-gray-500">{formatDateTime(c.proposedAt)}</span>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
