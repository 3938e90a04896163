import { getTranslations } from 'next-intl/server';
import type { HistoryEntry } from '@/domain/records/views';
import { formatDateTime } from '@/domain/time/shanghai';

// What the record went through, from the audit log: who did which step when, and what they wrote.
const noteKeys = ['note', 'reason', 'reviewComment'] as const;

export async function HistoryList({ entries }: { entries: HistoryEntry[] }) {
  const t = await getTranslations('history');
  if (entries.length === 0) return <p className="text-sm text-gray-500">{t('none')}</p>;
  return (
    <ol className="space-y-2 border-l-2 border-gray-200 pl-4" data-testid="history">
      {entries.map((e) => {
        const step = e.action.slice(e.action.indexOf('.') + 1);
        const notes = noteKeys.map((k) => e.after?.[k]).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
        const source = typeof e.after?.source === 'string' ? e.after.source : null;
        return (
          <li key={e.id} className="text-sm">
            <p>
              <span className="tabular-nums text-gray-500">{formatDateTime(e.at)}</span>{' '}
              <span className="font-medium text-gray-900">
                {t.has(`actions.${step}`) ? t(`actions.${step}` as 'actions.create') : e.action}
              </span>
              {e.actor ? <span className="text-gray-600"> · {e.actor}</span> : null}
              {source && t.has(`sources.${source}`) ? (
                <span className="text-xs text-gray-500"> · {t(`sources.${source}` as 'sources.form')}</span>
              ) : null}
            </p>
            {notes.map((n) => (
              <p key={n} className="whitespace-pre-wrap text-gray-700">
                “{n}”
              </p>
            ))}
          </li>
        );
      })}
    </ol>
  );
}
