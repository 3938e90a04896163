'use client';

import { useTranslations } from 'next-intl';
import type { Phase } from './use-import-upload';

/** While a step runs: the upload's percentage, then the server's phase and the time spent so far. */
export function ImportProgress({ uploaded, phase, elapsedMs }: { uploaded: number | null; phase: Phase | null; elapsedMs: number }) {
  const t = useTranslations('importPage');
  return (
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
          {t('elapsed', { s: Math.max(0, Math.round(elapsedMs / 1000)) })}
        </p>
      )}
    </div>
  );
}
