'use client';

import { useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { toPng } from 'html-to-image';
import { inlineSvgStyles } from './inline-svg-styles';

/**
 * A card around a chart with "download PNG": the card itself (title, legend and chart, as seen) is drawn
 * to an image in the browser, at twice the screen's resolution so it stays sharp on a projector.
 */
export function ChartCard({
  title,
  subtitle,
  fileName,
  actions,
  testId,
  children,
}: {
  title: string;
  subtitle?: string;
  fileName: string;
  actions?: React.ReactNode;
  testId?: string;
  children: React.ReactNode;
}) {
  const t = useTranslations('export');
  const ref = useRef<HTMLElement>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  async function download() {
    if (!ref.current) return;
    setBusy(true);
    setFailed(false);
    const restore = inlineSvgStyles(ref.current);
    try {
      const url = await toPng(ref.current, {
        backgroundColor: '#ffffff',
        pixelRatio: 2,
        // The buttons are for the screen, not the picture.
        filter: (node) => !(node instanceof HTMLElement && node.dataset.exportSkip === 'true'),
      });
      const a = document.createElement('a');
      a.href = url;
      a.download = `${fileName}.png`;
      a.click();
    } catch {
      setFailed(true);
    } finally {
      restore();
      setBusy(false);
    }
  }

  return (
    <section ref={ref} className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm" data-testid={testId}>
      <div className="mb-3 flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 className="text-base font-semibold text-gray-900">{title}</h2>
          {subtitle ? <p className="text-xs text-gray-500">{subtitle}</p> : null}
        </div>
        <div className="flex items-center gap-2" data-export-skip="true">
          {actions}
          <button
            type="button"
            onClick={() => void download()}
            disabled={busy}
            className="inline-flex items-center gap-1 rounded-md border border-gray-300 bg-white px-2.5 py-1 text-xs font-medium text-gray-700 hover:bg-gray-50 disabled:opacity-50"
          >
            <span aria-hidden>⤓</span>
            {busy ? t('pngBusy') : t('png')}
          </button>
        </div>
      </div>
      {failed ? (
        <p role="alert" className="mb-2 text-xs text-red-700">
          {t('pngFailed')}
        </p>
      ) : null}
      {children}
    </section>
  );
}
