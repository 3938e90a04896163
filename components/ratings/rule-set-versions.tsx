import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { listRatingRuleSets } from '@/db/queries/rule-sets';
import type { Scope } from '@/domain/auth/actor';
import { formatDateTime } from '@/domain/time/shanghai';
import { DataTable } from '@/components/data-table';
import { CopyRuleSetForm } from './copy-rule-set-form';

/** The list of rule-set versions (the active one marked) and, for the office, the copy form. */
export async function RuleSetVersions({
  current,
  manage,
  copyFrom,
  scope,
}: {
  current: string;
  manage: boolean;
  copyFrom?: string;
  /** The viewer's scope: "ratings using it" counts only ratings the viewer may see. */
  scope: Scope;
}) {
  const t = await getTranslations('ruleSets');
  const versions = listRatingRuleSets(getDb(), scope);
  return (
    <section aria-labelledby="versions-heading" className="space-y-3">
      <h2 id="versions-heading" className="text-lg font-semibold">
        {t('versions')}
      </h2>
      <DataTable
        testId="rule-set-versions"
        columns={[
          { label: t('version') },
          { label: t('status') },
          { label: t('createdBy') },
          { label: t('createdAt') },
          { label: t('activatedAt') },
          { label: t('usedBy'), align: 'right' },
        ]}
      >
        {versions.map((v) => (
          <tr key={v.id} className={`border-t border-gray-100 ${v.version === current ? 'bg-emerald-50' : ''}`} data-version={v.version}>
            <td className="px-4 py-2">
              <Link href={`/ratings/rules/${encodeURIComponent(v.version)}`} className="font-mono text-blue-700 hover:underline">
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
            <td className="px-4 py-2 text-right tabular-nums">{v.usedBy}</td>
          </tr>
        ))}
      </DataTable>
      {manage ? (
        <div className="rounded-lg border border-gray-200 bg-white p-4">
          <h3 className="font-medium">{t('copyTitle')}</h3>
          <p className="mb-3 text-sm text-gray-500">{t('copyHint')}</p>
          <CopyRuleSetForm
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
