import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { PreviewChanges } from './import-changes';

/** The import report as the upload route sends it (features/import/import-upload.ts). */
export interface ImportReport {
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

/** One line of the route's streamed answer: a phase, the report, or an error. */
type Line = { phase?: string; rows?: number; report?: ImportReport; stagedId?: string; error?: string };

export interface Phase {
  name: string;
  rows?: number;
  at: number;
}

/**
 * Posts a step to the upload route and follows its streamed answer (one JSON object a line), so that a
 * large file shows the upload's progress, then the server's phases, then the report. XMLHttpRequest
 * rather than fetch: fetch cannot report upload progress.
 */
export function useImportUpload() {
  const t = useTranslations('importPage');
  const [busy, setBusy] = useState(false);
  const [uploaded, setUploaded] = useState<number | null>(null);
  const [phase, setPhase] = useState<Phase | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [stagedId, setStagedId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [startedAt, setStartedAt] = useState(0);
  const [now, setNow] = useState(0);

  // A clock for the elapsed time while the server works; it stops with the work.
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [busy]);

  function take(line: Line) {
    if (line.phase) setPhase({ name: line.phase, rows: line.rows, at: Date.now() });
    if (line.error) setError(line.error);
    if (line.report) {
      setReport(line.report);
      setStagedId(line.stagedId ?? null);
    }
  }

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
    // Reads the complete lines that arrived since the last call; a partial last line waits for the next.
    const consume = () => {
      const lines = xhr.responseText.slice(seen).split('\n');
      const complete = lines.slice(0, -1);
      seen += complete.reduce((n, l) => n + l.length + 1, 0);
      for (const raw of complete) if (raw.trim()) take(JSON.parse(raw) as Line);
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

  /** Forgets the last report before a new step, so that its problems and confirm button go away at once. */
  function clearReport(alsoStaged: boolean) {
    setReport(null);
    if (alsoStaged) setStagedId(null);
  }

  return { busy, uploaded, phase, report, stagedId, error, setError, elapsedMs: now - startedAt, send, clearReport };
}
