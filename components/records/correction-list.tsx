import { getTranslations } from 'next-intl/server';
import type { CorrectionRow } from '@/domain/records/views';
import { decideCorrectionAction } from '@/server/actions/corrections';
import { formatDateTime } from '@/domain/time/shanghai';
import { StepForm } from './step-form';

const ISO = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/;

/** A proposed value as a reader reads it: dates in Beijing time, a list of dimensions as its cells. */
function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value))
    return value
      .map((d: { dimension?: string; likelihood?: number; impact?: number }) => `${d.dimension} ${d.likelihood}×${d.impact}`)
      .join('，');
  if (typeof value === 'string' && ISO.test(value)) return formatDateTime(new Date(value));
  return String(value);
}

/**
 * A record's corrections (decision 023): what was proposed, by whom and why, and the decision. A reviewer of
 * the seal's level who did not propose it accepts or refuses here.
 */
export async function CorrectionList({ rows, mayDecide, viewerId }: { rows: CorrectionRow[]; mayDecide: boolean; viewerId: number }) {
  const t = await getTranslations();
  if (rows.length === 0) return <p className="text-sm text-gray-500">{t('corrections.none')}</p>;
  return (
    <ul className="space-y-4" data-testid="corrections">
      {rows.map((c) => (
        <li key={c.id} className="rounded-md border border-gray-200 bg-white p-4 text-sm" data-testid={`correction-${c.id}`}>
          <p className="font-medium text-gray-900">
            {t(`corrections.status.${c.status}` as 'corrections.status.proposed')} · {c.proposedByName} ·{' '}
            <span className="tabular-nums text-gray-600">{formatDateTime(c.proposedAt)}</span>
          </p>
          <p className="mt-1 whitespace-pre-wrap text-gray-700">
            {t('corrections.reason')}
            {t('recordForms.colon')}“{c.reason}”
          </p>
          <table className="mt-2 text-left">
            <tbody>
              {Object.entries(c.changes).map(([field, change]) => (
                <tr key={field} className="align-top">
                  <th scope="row" className="pr-3 font-normal text-gray-500">
                    {t.has(`fields.${field}`) ? t(`fields.${field}` as 'fields.title') : field}
                  </th>
                  <td className="pr-2 text-gray-600 line-through">{shown(change.from)}</td>
                  <td className="font-medium text-gray-900">→ {shown(change.to)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {c.decidedAt ? (
            <p className="mt-2 text-gray-700">
              {t('corrections.decidedBy', { who: c.decidedByName ?? '—', at: formatDateTime(c.decidedAt) })}
              {c.decisionComment ? `：“${c.decisionComment}”` : null}
            </p>
          ) : null}
          {c.status === 'proposed' && mayDecide && c.proposedBy !== viewerId ? (
            <div className="mt-3">
              <StepForm
                action={decideCorrectionAction}
                hidden={{ id: c.id }}
                fields={[{ name: 'comment', label: t('corrections.comment'), type: 'textarea', hint: t('corrections.commentHint') }]}
                buttons={[
                  { label: t('corrections.accept'), name: 'decision', value: 'accept' },
                  { label: t('corrections.refuse'), name: 'decision', value: 'refuse', tone: 'danger' },
                ]}
                testId={`decide-correction-${c.id}`}
              />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
