'use client';

import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { LateByDefaultNotice } from './late-by-default-notice';
import { ImportChanges, type PreviewChanges } from './import-changes';

interface Report {
  ok: boolean;
  dryRun: boolean;
  fileError?: string;
  rows: number;
  records: number;
  created: number;
  updated: number;
  unchanged: number;
  problemCount: number;
  problems: { row: number; column: string; message: string }[];
  /** The backfill warning, already in the reader's language (null: none). */
  lateByDefault?: string | null;
  changes?: PreviewChanges;
}

type Line = { phase?: string; rows?: number; report?: Report; stagedId?: string; error?: string };

const PAGE = 50;

/** Upload → preview (nothing stored) → confirm (all or nothing), with progress for large files. */
export function ImportPanel({ kinds }: { kinds: { code: string; label: string }[] }) {
  const t = useTranslations('importPage');
  const [kind, setKind] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [uploaded, setUploaded] = useState<number | null>(null);
  const [phase, setPhase] = useState<{ name: string; rows?: number; at: number } | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [stagedId, setStagedId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [askConfirm, setAskConfirm] = useState(false);
  const [page, setPage] = useState(0);
  const [startedAt, setStartedAt] = useState(0);
  const [now, setNow] = useState(0);

  // A clock for the elapsed time while the server works; it stops with the work.
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [busy]);

  function send(form: FormData) {
    setBusy(true);
    setError(null);
    setUploaded(0);
    setPhase(null);
    setStartedAt(Date.now());
    setNow(Date.now());
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/intake/import/upload');
    let seen = 0;
    const consume = () => {
      const text = xhr.responseText;
      const lines = text.slice(seen).split('\n');
      const complete = lines.slice(0, -1);
      seen += complete.reduce((n, l) => n + l.length + 1, 0);
      for (const raw of complete) {
        if (!raw.trim()) continue;
        const line = JSON.parse(raw) as Line;
        if (line.phase) setPhase({ name: line.phase, rows: line.rows, at: Date.now() });
        if (line.error) setError(line.error);
        if (line.report) {
          setReport(line.report);
          setStagedId(line.stagedId ?? null);
          setPage(0);
        }
      }
    };
    xhr.upload.onprogress = (e) => e.lengthComputable && setUploaded(e.loaded / e.total);
    xhr.onprogress = consume;
    xhr.onload = () => {
      if (xhr.status >= 400) {
        try {
          setError((JSON.parse(xhr.responseText) as { error: string }).error);
        } catch {
          setError(t('failed'));
        }
      } else consume();
      setBusy(false);
      setPhase(null);
      setUploaded(null);
    };
    xhr.onerror = () => {
      setError(t('failed'));
      setBusy(false);
    };
    xhr.send(form);
  }

  function preview(e: React.FormEvent) {
    e.preventDefault();
    if (!kind) return setError(t('chooseKind'));
    if (!file) return setError(t('chooseFile'));
    setReport(null);
    setStagedId(null);
    const form = new FormData();
    form.set('step', 'preview');
    form.set('kind', kind);
    form.set('file', file);
    send(form);
  }

  function confirmImport() {
    if (!stagedId) return;
    setAskConfirm(false);
    const form = new FormData();
    form.set('step', 'confirm');
    form.set('stagedId', stagedId);
    setReport(null);
    send(form);
  }

  const shown = report?.problems.slice(page * PAGE, (page + 1) * PAGE) ?? [];
  const pages = report ? Math.ceil(report.problems.length / PAGE) : 0;

  return (
    <div className="space-y-6">
      <form
        onSubmit={preview}
        className="grid gap-4 rounded-lg border border-gray-200 bg-white p-4 sm:grid-cols-[1fr_2fr_auto] sm:items-end"
      >
        <label className="block text-sm">
          <span className="font-medium text-gray-700">{t('kind')}</span>
          <select
            name="kind"
            value={kind}
            onChange={(e) => setKind(e.target.value)}
            className="mt-1 block w-full rounded border-gray-300 text-sm"
            data-testid="import-kind"
          >
            <option value="">{t('chooseKindOption')}</option>
            {kinds.map((k) => (
              <option key={k.code} value={k.code}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm">
          <span className="font-medium text-gray-700">{t('file')}</span>
          <input
            type="file"
            name="file"
            accept=".xlsx,.csv"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            className="mt-1 block w-full text-sm"
            data-testid="import-file"
          />
        </label>
        <button
          type="submit"
          disabled={busy}
          className="rounded bg-red-800 px-4 py-2 text-sm font-medium text-white hover:bg-red-900 disabled:opacity-50"
        >
          {t('preview')}
        </button>
      </form>

      {busy ? (
        <div className="rounded-lg border border-blue-200 bg-blue-50 p-4 text-sm text-blue-900" role="status" aria-live="polite">
          {uploaded !== null && uploaded < 1 ? (
            <div>
              <p>{t('uploading', { percent: Math.round(uploaded * 100) })}</p>
              <div className="mt-2 h-2 w-full rounded bg-blue-100">
                <div className="h-2 rounded bg-blue-600" style={{ width: `${Math.round(uploaded * 100)}%` }} />
              </div>
            </div>
          ) : (
            <p>
              {phase ? t(`phase.${phase.name}`, { rows: phase.rows ?? 0 }) : t('phase.sending')} ·{' '}
              {t('elapsed', { s: Math.max(0, Math.round((now - startedAt) / 1000)) })}
            </p>
          )}
        </div>
      ) : null}

      {error ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800">
          {error}
        </p>
      ) : null}

      {report ? (
        <section className="space-y-4 rounded-lg border border-gray-200 bg-white p-4" data-testid="import-report">
          {report.fileError ? (
            <p role="alert" className="text-sm text-red-800">
              {report.fileError}
            </p>
          ) : (
            <>
              <h2 className="text-lg font-semibold">
                {report.dryRun ? t('previewTitle') : report.ok ? t('doneTitle') : t('refusedTitle')}
              </h2>
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
              <LateByDefaultNotice text={report.lateByDefault} />
              {report.dryRun && report.ok && report.changes ? (
                <ImportChanges changes={report.changes} created={report.created} updated={report.updated} />
              ) : null}
              {report.problemCount > 0 ? (
                <div>
                  <p className="text-sm font-medium text-red-800">{t('problems', { n: report.problemCount })}</p>
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
                  {pages > 1 ? (
                    <div className="mt-2 flex items-center gap-3 text-sm">
                      <button
                        type="button"
                        disabled={page === 0}
                        onClick={() => setPage(page - 1)}
                        className="text-blue-700 disabled:text-gray-400"
                      >
                        {t('prev')}
                      </button>
                      <span>
                        {page + 1} / {pages}
                      </span>
                      <button
                        type="button"
                        disabled={page + 1 >= pages}
                        onClick={() => setPage(page + 1)}
                        className="text-blue-700 disabled:text-gray-400"
                      >
                        {t('next')}
                      </button>
                    </div>
                  ) : null}
                  <p className="mt-2 text-sm text-gray-600">{t('fixAndRetry')}</p>
                </div>
              ) : null}
              {report.dryRun && report.ok && stagedId ? (
                askConfirm ? (
                  <div className="flex flex-wrap items-center gap-3 rounded border border-amber-300 bg-amber-50 p-3 text-sm">
                    <span>{t('confirmQuestion', { created: report.created, updated: report.updated })}</span>
                    <button
                      type="button"
                      onClick={confirmImport}
                      className="rounded bg-red-800 px-3 py-1.5 font-medium text-white"
                      data-testid="import-confirm-yes"
                    >
                      {t('confirmYes')}
                    </button>
                    <button type="button" onClick={() => setAskConfirm(false)} className="rounded border border-gray-300 px-3 py-1.5">
                      {t('cancel')}
                    </button>
                  </div>
                ) : (
                  <button
                    type="button"
                    disabled={busy || report.created + report.updated === 0}
                    onClick={() => setAskConfirm(true)}
                    className="rounded bg-red-800 px-4 py-2 text-sm font-medium text-white disabled:opacity-50"
                    data-testid="import-confirm"
                  >
                    {report.created + report.updated === 0 ? t('nothingToDo') : t('confirm')}
                  </button>
                )
              ) : null}
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}
