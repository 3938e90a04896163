import type { RecordListRow } from '@/domain/records/views';
import type { RecordKind } from '@/domain/records/kinds';
import { dueText } from '@/features/dashboards/domain-tables';
import { daysOverdue } from '@/features/dashboards/domain-view';
import { localName, type Locale } from '@/domain/i18n/locales';
import { formatDate } from '@/domain/time/shanghai';

// The columns only some kinds have: what a reader of that list needs to see without opening each record
// (an incident's tier, a hazard's severity and deadline).

type T = (key: string, p?: Record<string, string | number>) => string;

export function KindHeaders({ kind, t }: { kind: RecordKind; t: T }) {
  const th = (text: string) => (
    <th scope="col" className="whitespace-nowrap px-4 py-2 font-medium">
      {text}
    </th>
  );
  if (kind === 'incidents') return th(t('recordList.tier'));
  if (kind === 'hazards')
    return (
      <>
        {th(t('recordList.severity'))}
        {th(t('recordList.due'))}
      </>
    );
  return null;
}

export function KindCells({ kind, row, t, locale, now }: { kind: RecordKind; row: RecordListRow; t: T; locale: Locale; now: Date }) {
  if (kind === 'incidents' && row.tier !== undefined) {
    const raised = row.reportedTier !== undefined && row.reportedTier !== row.tier;
    return (
      <td className="whitespace-nowrap px-4 py-2" data-testid="tier-cell" data-tier={row.tier}>
        <span className={row.tier <= 3 ? 'font-semibold text-red-800' : ''}>{t(`tiers.${row.tier}`)}</span>
        {raised ? (
          <span className="block text-xs text-gray-500">{t('recordList.reportedTier', { tier: t(`tiers.${row.reportedTier}`) })}</span>
        ) : null}
      </td>
    );
  }
  if (kind === 'hazards' && row.severity && row.dueAt) {
    const open = row.status === 'open';
    const days = daysOverdue(row.dueAt, now);
    return (
      <>
        <td className="whitespace-nowrap px-4 py-2" data-testid="severity-cell" data-severity={row.severity}>
          <span className={row.severity === 'major' ? 'font-semibold text-red-800' : ''}>{t(`severity.${row.severity}`)}</span>
        </td>
        <td className="whitespace-nowrap px-4 py-2 tabular-nums" data-testid="due-cell" data-overdue={open && days > 0 ? 'yes' : 'no'}>
          {formatDate(row.dueAt)}
          {open ? (
            <span className={`block text-xs ${days > 0 ? 'font-semibold text-red-700' : 'text-gray-500'}`}>{dueText(days, locale)}</span>
          ) : null}
        </td>
      </>
    );
  }
  return null;
}

/** The filing unit, with its institute when a department filed the record. */
export function UnitCell({ row, locale }: { row: RecordListRow; locale: Locale }) {
  return (
    <td className="px-4 py-2" data-testid="unit-cell">
      {row.instituteName ? (
        <span className="block text-xs text-gray-500" data-testid="unit-institute">
          {localName(locale, { name: row.instituteName, nameEn: row.instituteNameEn })}
        </span>
      ) : null}
      {localName(locale, { name: row.unitName, nameEn: row.unitNameEn })}
    </td>
  );
}
