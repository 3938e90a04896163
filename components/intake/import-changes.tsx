'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { CHANGE_DETAIL_LIMIT, visibleText } from '@/features/import/change-values';

/** The preview's change list as the upload route sends it (features/import/change-list-present.ts). */
export interface PreviewChanges {
  updated: { row: number; externalId: string; fields: { field: string; label: string; from: string | null; to: string | null }[] }[];
  created: { row: number; externalId: string }[];
}

/** Records shown before "show all": enough to see what kind of change it is without burying the confirm button. */
const FIRST_UPDATED = 5;
const FIRST_CREATED = 20;

/**
 * Which records the import would update, field by field with before and after, and which it would create
 * (issue 14 item 6). Collapsed to the first few; the server lists at most CHANGE_DETAIL_LIMIT of each and
 * the counts say how many there are in all.
 */
export function ImportChanges({ changes, created, updated }: { changes: PreviewChanges; created: number; updated: number }) {
  const t = useTranslations('importPage.changes');
  if (created + updated === 0)
    return (
      <p className="rounded bg-gray-50 p-3 text-sm text-gray-700" data-testid="import-changes-empty">
        {t('none')}
      </p>
    );
  return (
    <div className="space-y-4" data-testid="import-changes">
      <h3 className="sr-only">{t('title')}</h3>
      {updated > 0 ? <UpdatedList list={changes.updated} total={updated} /> : null}
      {created > 0 ? <CreatedList list={changes.created} total={created} /> : null}
    </div>
  );
}

function UpdatedList({ list, total }: { list: PreviewChanges['updated']; total: number }) {
  const t = useTranslations('importPage.changes');
  const [all, setAll] = useState(false);
  const shown = all ? list : list.slice(0, FIRST_UPDATED);
  const show = (v: string | null) => visibleText(v, t('empty'));
  return (
    <div>
      <p className="text-sm font-medium text-amber-900">{t('wouldUpdate', { n: total })}</p>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full table-fixed text-left text-sm">
          <colgroup>
            <col className="w-16" />
            <col className="w-44" />
            <col className="w-48" />
            <col />
            <col />
          </colgroup>
          <thead className="border-b border-gray-200 text-gray-600">
            <tr>
              <th className="py-1 pr-3 font-medium">{t('row')}</th>
              <th className="py-1 pr-3 font-medium">{t('externalId')}</th>
              <th className="py-1 pr-3 font-medium">{t('field')}</th>
              <th className="py-1 pr-3 font-medium">{t('before')}</th>
              <th className="py-1 font-medium">{t('after')}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100 align-baseline" data-testid="import-updated-list">
            {shown.flatMap((r) =>
              r.fields.map((f, i) => (
                <tr key={`${r.row}-${r.externalId}-${f.field}`} data-testid={i === 0 ? 'import-updated-record' : undefined}>
                  {i === 0 ? (
                    <>
                      <td rowSpan={r.fields.length} className="py-1 pr-3 tabular-nums">
                        {r.row}
                      </td>
                      <td rowSpan={r.fields.length} className="break-all py-1 pr-3 font-mono text-xs">
                        {r.externalId}
                      </td>
                    </>
                  ) : null}
                  <td className="py-1 pr-3 text-xs">{f.label}</td>
                  <td className="whitespace-pre-wrap break-words py-1 pr-3 text-gray-500">{show(f.from)}</td>
                  <td className="whitespace-pre-wrap break-words py-1 text-emerald-900">{show(f.to)}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
      <Toggle count={list.length} first={FIRST_UPDATED} all={all} setAll={setAll} testId="import-updated-toggle" />
      <NotListed total={total} listed={list.length} />
    </div>
  );
}

function CreatedList({ list, total }: { list: PreviewChanges['created']; total: number }) {
  const t = useTranslations('importPage.changes');
  const [all, setAll] = useState(false);
  const shown = all ? list : list.slice(0, FIRST_CREATED);
  return (
    <div>
      <p className="text-sm font-medium text-emerald-900">{t('wouldCreate', { n: total })}</p>
      <ul className="mt-2 flex flex-wrap gap-1.5" data-testid="import-created-list">
        {shown.map((c) => (
          <li
            key={`${c.row}-${c.externalId}`}
            title={`${t('row')} ${c.row}`}
            className="break-all rounded bg-emerald-50 px-1.5 py-0.5 font-mono text-xs text-emerald-900"
          >
            {c.externalId}
          </li>
        ))}
      </ul>
      <Toggle count={list.length} first={FIRST_CREATED} all={all} setAll={setAll} testId="import-created-toggle" />
      <NotListed total={total} listed={list.length} />
    </div>
  );
}

function Toggle(props: { count: number; first: number; all: boolean; setAll: (all: boolean) => void; testId: string }) {
  const t = useTranslations('importPage.changes');
  if (props.count <= props.first) return null;
  return (
    <button type="button" onClick={() => props.setAll(!props.all)} className="mt-1 text-sm text-blue-700" data-testid={props.testId}>
      {props.all ? t('showFewer') : t('showAll', { n: props.count })}
    </button>
  );
}

function NotListed({ total, listed }: { total: number; listed: number }) {
  const t = useTranslations('importPage.changes');
  if (total <= listed) return null;
  return (
    <p className="mt-1 text-sm text-gray-600">
      {t('notListed', { n: (total - listed).toLocaleString('en-US'), limit: CHANGE_DETAIL_LIMIT })}
    </p>
  );
}
