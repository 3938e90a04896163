'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { LateByDefaultNotice } from './late-by-default-notice';
import { ImportChanges } from './import-changes';
import type { ImportReport } from './use-import-upload';

const PAGE = 50;

/**
 * What a preview or a confirmed import found: the counts, the backfill warning, the changes a preview would
 * make, the problems page by page, and (for a clean preview) the confirm step.
 */
export function ImportReportView(props: {
  report: ImportReport;
  stagedId: string | null;
  busy: boolean;
  askConfirm: boolean;
  setAskConfirm: (ask: boolean) => void;
  onConfirm: () => void;
}) {
  const t = useTranslations('importPage');
  const { report } = props;
  return (
    <section className="space-y-4 rounded-lg border border-gray-200 bg-white p-4" data-testid="import-report">
      {report.fileError ? (
        <p role="alert" className="text-sm text-red-800">
          {report.fileError}
        </p>
      ) : (
        <>
          <h2 className="text-lg font-semibold">{report.dryRun ? t('previewTitle') : report.ok ? t('doneTitle') : t('refusedTitle')}</h2>
          <ReportCounts report={report} />
          <LateByDefaultNotice text={report.lateByDefault} />
          {report.dryRun && report.ok && report.changes ? (
            <ImportChanges changes={report.changes} created={report.created} updated={report.updated} />
          ) : null}
          {report.problemCount > 0 ? <ProblemTable problems={report.problems} problemCount={report.problemCount} /> : null}
          {report.dryRun && report.ok && props.stagedId ? (
            <ConfirmStep
              report={report}
              busy={props.busy}
              askConfirm={props.askConfirm}
              setAskConfirm={props.setAskConfirm}
              onConfirm={props.onConfirm}
            />
          ) : null}
        </>
      )}
    </section>
  );
}

function ReportCounts({ report }: { report: ImportReport }) {
  const t = useTranslations('importPage');
  return (
    <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-5">
      {(['rows', 'records', 'created', 'updated', 'unchanged'] as const).map((k) => (
        <div key={k} className="rounded bg-gray-50 p-2">
          <dt className="text-gray-600">{t(`count.${k}`)}</dt>
          <dd className="text-xl font-semibold tabular-nums" data-testid={`import-${k}`}>
            {report[k].toLocaleString('en-US')}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The problems, PAGE at a time. A new report mounts a new table (the panel clears the old one first), so it opens on page one. */
function ProblemTable({ problems, problemCount }: { problems: ImportReport['problems']; problemCount: number }) {
  const t = useTranslations('importPage');
  const [page, setPage] = useState(0);
  const shown = problems.slice(page * PAGE, (page + 1) * PAGE);
  const pages = Math.ceil(problems.length / PAGE);
  return (
    <div>
      <p className="text-sm font-medium text-red-800">{t('problems', { n: problemCount })}</p>
      <table className="mt-2 w-full text-left text-sm">
        <thead className="border-b border-gray-200 text-gray-600">
          <tr>
            <th className="py-1 pr-4 font-medium">{t('row')}</th>
            <th className="py-1 pr-4 font-medium">{t('column')}</th>
            <th className="py-1 font-medium">{t('reason')}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100" data-testid="import-problems">
          {shown.map((p, i) => (
            <tr key={`${p.row}-${p.column}-${i}`}>
              <td className="py-1 pr-4 tabular-nums">{p.row}</td>
              <td className="py-1 pr-4 text-xs">{p.column}</td>
              <td className="py-1">{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {pages > 1 ? <Pager page={page} pages={pages} setPage={setPage} /> : null}
      <p className="mt-2 text-sm text-gray-600">{t('fixAndRetry')}</p>
    </div>
  );
}

function Pager({ page, pages, setPage }: { page: number; pages: number; setPage: (page: number) => void }) {
  const t = useTranslations('importPage');
  return (
    <div className="mt-2 flex items-center gap-3 text-sm">
      <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)} className="text-blue-700 disabled:text-gray-400">
        {t('prev')}
      </button>
      <span>
        {page + 1} / {pages}
      </span>
      <button type="button" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)} className="text-blue-700 disabled:text-gray-400">
        {t('next')}
      </button>
    </div>
  );
}

/** "Import" then "are you sure?": the staged file is stored all or nothing only after the second click. */
function ConfirmStep(props: {
  report: ImportReport;
  busy: boolean;
  askConfirm: boolean;
  setAskConfirm: (ask: boolean) => void;
  onConfirm: () => void;
}) {
  const t = useTranslations('importPage');
  const { created, updated } = props.report;
  if (props.askConfirm)
    return (
      <div className="flex flex-wrap items-center gap-3 rounded border border-amber-300 bg-amber-50 p-3 text-sm">
        <span>{t('confirmQuestion', { created, updated })}</span>
        <button
          type="button"
          onClick={props.onConfirm}
          className="rounded bg-red-800 px-3 py-1.5 font-medium text-white"
          data-testid="import-confirm-yes"
        >
          {t('confirmYes')}
        </button>
        <button type="button" onClick={() => props.setAskConfirm(false)} className="rounded border border-gray-300 px-3 py-1.5">
          {t('cancel')}
        </button>
      </div>
    );
  return (
    <button
      type="button"
      disabled={props.busy || created + updated === 0}
      onClick={() => props.setAskConfirm(true)}
      className="rounded bg-red-800 px-4 py-2 text-sm font-medium text-white disabled:opacity-50"
      data-testid="import-confirm"
    >
      {created + updated === 0 ? t('nothingToDo') : t('confirm')}
    </button>
  );
}
