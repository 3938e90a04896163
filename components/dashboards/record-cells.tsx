import Link from 'next/link';
import { dueText } from '@/features/dashboards/domain-tables';
import { localName, type Locale } from '@/domain/i18n/locales';
import { StatusBadge } from '@/components/status-badge';

// Table cells the unit and domain pages' record lists share: a record's reference, its unit, a date, its
// status and how far its due date is.

/** A record's reference, linking to the record. */
export function RefCell({ href, text, prefetch, linkClass }: { href: string; text: string; prefetch?: false; linkClass?: string }) {
  return (
    <td className="px-3 py-2 font-mono text-xs">
      <Link prefetch={prefetch} href={href} className={linkClass ?? 'text-blue-700 hover:underline'}>
        {text}
      </Link>
    </td>
  );
}

/** The unit a record was filed in, in the reader's language. */
export function UnitCell({ row, locale }: { row: { unitName: string; unitNameEn: string | null }; locale: Locale }) {
  return <td className="px-3 py-2">{localName(locale, { name: row.unitName, nameEn: row.unitNameEn })}</td>;
}

export function DateCell({ text }: { text: string }) {
  return <td className="whitespace-nowrap px-3 py-2 tabular-nums">{text}</td>;
}

export function StatusCell({ status, label, nowrap = false }: { status: string; label: string; nowrap?: boolean }) {
  return (
    <td className={nowrap ? 'whitespace-nowrap px-3 py-2' : 'px-3 py-2'}>
      <StatusBadge status={status} label={label} />
    </td>
  );
}

/** Days overdue (red) or left, as words. */
export function DueCell({ days, locale, testId }: { days: number; locale: Locale; testId?: string }) {
  return (
    <td className={`whitespace-nowrap px-3 py-2 font-medium ${days > 0 ? 'text-red-800' : 'text-gray-700'}`} data-testid={testId}>
      {dueText(days, locale)}
    </td>
  );
}
