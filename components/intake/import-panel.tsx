'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { ImportForm } from './import-form';
import { ImportProgress } from './import-progress';
import { ImportReportView } from './import-report';
import { useImportUpload } from './use-import-upload';

/** Upload → preview (nothing stored) → confirm (all or nothing), with progress for large files. */
export function ImportPanel({ kinds }: { kinds: { code: string; label: string }[] }) {
  const t = useTranslations('importPage');
  const upload = useImportUpload();
  const [kind, setKind] = useState('');
  const [file, setFile] = useState<File | null>(null);
  // Kept here, not in the report: a question asked stays asked across a new preview, as it always has.
  const [askConfirm, setAskConfirm] = useState(false);

  function preview(e: React.FormEvent) {
    e.preventDefault();
    if (!kind) return upload.setError(t('chooseKind'));
    if (!file) return upload.setError(t('chooseFile'));
    upload.clearReport(true);
    const form = new FormData();
    form.set('step', 'preview');
    form.set('kind', kind);
    form.set('file', file);
    upload.send(form);
  }

  function confirmImport() {
    if (!upload.stagedId) return;
    setAskConfirm(false);
    const form = new FormData();
    form.set('step', 'confirm');
    form.set('stagedId', upload.stagedId);
    upload.clearReport(false);
    upload.send(form);
  }

  return (
    <div className="space-y-6">
      <ImportForm kinds={kinds} kind={kind} onKind={setKind} onFile={setFile} busy={upload.busy} onSubmit={preview} />
      {upload.busy ? <ImportProgress uploaded={upload.uploaded} phase={upload.phase} elapsedMs={upload.elapsedMs} /> : null}
      {upload.error ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800">
          {upload.error}
        </p>
      ) : null}
      {upload.report ? (
        <ImportReportView
          report={upload.report}
          stagedId={upload.stagedId}
          busy={upload.busy}
          askConfirm={askConfirm}
          setAskConfirm={setAskConfirm}
          onConfirm={confirmImport}
        />
      ) : null}
    </div>
  );
}
