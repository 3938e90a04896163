import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { RuleSetVersionView } from '@/features/rule-sets/views';
import { formatDateTime } from '@/domain/time/shanghai';
import { DataTable } from '@/components/data-table';
import { CopyRuleSetForm } from './copy-form';
import type { KindUi } from './kind-ui';

/**
 * The versions of a kind (the one in force marked) and, for the office, the copy form. Rating versions
 * say how many ratings the viewer can see were computed with each.
 */
export async function RuleSetVersions({
  ui,
  versions,
  current,
  manage,
  copyFrom,
}: {
  ui: KindUi;
  versions: RuleSetVersionView[];
  current: string;
  manage: boolean;
  copyFrom?: string;
}) {
  const t = await getTranslations('ruleSets');
  const counted = ui.countsUse;
  return (
    <section aria-labelledby={ui.ids.versionsHeading} className="space-y-3">
      <h2 id={ui.ids.versionsHeading} className="text-lg font-semibold">
        {t('versions')}
      </h2>
      <DataTable
        testId={ui.ids.versions}
        columns={[
          { label: t('version') },
          { label: t('status') },
          { label: t('createdBy') },
          { label: t('createdAt') },
          { label: t('activatedAt') },
          ...(counted ? [{ label: t('usedBy'), align: 'right' as const }] : []),
        ]}
      >
        {versions.map((v) => (
          <tr key={v.id} className={`border-t border-gray-100 ${v.version === current ? 'bg-emerald-50' : ''}`} data-version={v.version}>
            <td className="px-4 py-2">
              <Link href={`${ui.rules}/${encodeURIComponent(v.version)}`} className="font-mono text-blue-700 hover:underline">
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
            {counted ? <td className="px-4 py-2 text-right tabular-nums">{v.usedBy}</td> : null}
          </tr>
        ))}
      </DataTable>
      {manage ? (
        <div className="rounded-lg border border-gray-200 bg-white p-4">
          <h3 className="font-medium">{t('copyTitle')}</h3>
          <p className="mb-3 text-sm text-gray-500">{t('copyHint')}</p>
          <CopyRuleSetForm
            action={ui.actions.copy}
            rules={ui.rules}
            versions={versions.map((v) => v.version)}
            from={copyFrom ?? current}
            ids={{ form: ui.ids.copy, prefix: ui.ids.copyPrefix }}
            labels={{ from: t('copyFrom'), version: t('newVersion'), versionHint: t('newVersionHint'), submit: t('copySubmit') }}
          />
        </div>
      ) : (
        <p className="text-sm text-gray-500">{t('readOnly')}</p>
      )}
    </section>
  );
}
