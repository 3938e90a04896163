import { getTranslations } from 'next-intl/server';
import { DataTable } from '@/components/data-table';
import { HeadedSection } from '@/components/headed-section';
import { attentionFirst, needsAttention } from '@/domain/bulletins/attention';
import { levelChange, type BulletinView } from '@/domain/bulletins/view';
import { localName, type Locale } from '@/domain/i18n/locales';
import { LevelOrDash } from './level-or-dash';

const changeStyle = {
  rose: 'text-red-700 font-medium',
  fell: 'text-emerald-700 font-medium',
  same: 'text-gray-600',
  new: 'text-gray-600',
  none: 'text-gray-400',
};

/** Every institute in scope, those that need attention first: levels at the month's start and end, counts. */
export async function BulletinLevels({ v, locale }: { v: BulletinView; locale: Locale }) {
  const t = await getTranslations();
  const word = (l: string) => t(`levels.${l}`);
  const name = (r: { name: string | null; nameEn: string | null }) => localName(locale, r);
  return (
    <HeadedSection
      head={['b-levels', t('bulletins.levelsSection'), t('bulletins.attentionHint')]}
      classes={['mb-2 text-lg font-semibold text-gray-900', 'mb-2 text-sm text-gray-600']}
    >
      {v.institutes.length === 0 ? (
        <p className="text-sm text-gray-500">{t('bulletins.noInstitutes')}</p>
      ) : (
        <DataTable
          compact
          testId="bulletin-units"
          columns={[
            { label: t('bulletins.unit') },
            { label: t('bulletins.branch') },
            { label: t('bulletins.levelStart') },
            { label: t('bulletins.levelEnd') },
            { label: t('bulletins.change') },
            { label: t('bulletins.pointsEnd'), align: 'right' },
            { label: t('bulletins.incidents'), align: 'right' },
            { label: t('bulletins.hazardsNew'), align: 'right' },
            { label: t('bulletins.overdue'), align: 'right' },
          ]}
        >
          {attentionFirst(v.institutes).map((r) => {
            const change = levelChange(r);
            const attention = needsAttention(r);
            return (
              <tr
                key={r.unitId}
                className={`border-t border-gray-100 hover:bg-gray-50 ${attention ? 'bg-red-50/60' : ''}`}
                data-unit={r.code}
                data-level={r.levelEnd ?? ''}
                data-attention={attention ? 'yes' : 'no'}
              >
                <td className="px-3 py-2">
                  {name(r)} <span className="font-mono text-xs text-gray-500">{r.code}</span>
                </td>
                <td className="px-3 py-2 text-gray-600">{r.branchName ? name({ name: r.branchName, nameEn: r.branchNameEn }) : ''}</td>
                <td className="px-3 py-2">
                  <LevelOrDash level={r.levelStart} word={word} />
                </td>
                <td className="px-3 py-2">
                  <LevelOrDash level={r.levelEnd} word={word} />
                </td>
                <td className={`px-3 py-2 ${changeStyle[change]}`}>{t(`bulletins.changeKind.${change}`)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{r.pointsEnd ?? '—'}</td>
                <td className="px-3 py-2 text-right tabular-nums">{r.incidentsByTier.reduce((a, b) => a + b, 0)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{r.hazards.general + r.hazards.major}</td>
                <td className="px-3 py-2 text-right tabular-nums">{r.overdueAtEnd.general + r.overdueAtEnd.major}</td>
              </tr>
            );
          })}
        </DataTable>
      )}
    </HeadedSection>
  );
}
