import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { listAlertRuleSets } from '@/db/queries/alert-rule-sets';
import { formatDateTime } from '@/domain/time/shanghai';
import { DataTable } from '@/components/data-table';
import { CopyAlertRuleSetForm } from './copy-alert-rule-set-form';

/** The alert rule versions (the active one marked) and, for the office, the copy form. */
export async function AlertRuleVersions({ current, manage, copyFrom }: { current: string; manage: boolean; copyFrom?: string }) {
  const t = await getTranslations('ruleSets');
  const versions = listAlertRuleSets(getDb());
  return (
    <section aria-labelledby="alert-versions-heading" className="space-y-3">
      <h2 id="alert-versions-heading" className="text-lg font-semibold">
        {t('versions')}
      </h2>
      <DataTable
        testId="alert-rule-versions"
        columns={[
          { label: t('version') },
          { label: t('status') },
          { label: t('createdBy') },
          { label: t('createdAt') },
          { label: t('activatedAt') },
        ]}
      >
        {versions.map((v) => (
          <tr key={v.id} className={`border-t border-gray-100 ${v.version === current ? 'bg-emerald-50' : ''}`} data-version={v.version}>
            <td className="px-4 py-2">
              <Link href={`/alerts/rules/${encodeURIComponent(v.version)}`} className="font-mono text-blue-700 hover:underline">
                {v.version}
              </Link>
            </td>
            <td className="px-4 py-2">
              {v.active ? (
                <span className="rounded bg-emerald-700 px-2 py-0.5 text-xs font-semibold text-white">✓ {t('active')}</span>
              ) : (
                <span className="text-gray-500">{t('inactive')}</span>
              )}
            </td>
            <td className="px-4 py-2">{v.createdBy ?? t('system')}</td>
            <td className="px-4 py-2 tabular-nums">{formatDateTime(v.createdAt)}</td>
            <td className="px-4 py-2 tabular-nums">{formatDateTime(v.activatedAt) || '—'}</td>
          </tr>
        ))}
      </DataTable>
      {manage ? (
        <div className="rounded-lg border border-gray-200 bg-white p-4">
          <h3 className="font-medium">{t('copyTitle')}</h3>
          <p className="mb-3 text-sm text-gray-500">{t('copyHint')}</p>
          <CopyAlertRuleSetForm
            versions={versions.map((v) => v.version)}
            from={copyFrom ?? current}
            labels={{ from: t('copyFrom'), version: t('newVersion'), versionHint: t('newVersionHint'), submit: t('copySubmit') }}
          />
        </div>
      ) : (
        <p className="text-sm text-gray-500">{t('readOnly')}</p>
      )}
    </section>
  );
}
