import { getTranslations } from 'next-intl/server';

/**
 * "Export XLSX" for a table registered in features/dashboards/export-registry.ts; the page passes its own
 * URL filters so that the file holds the rows on screen.
 */
export async function ExportXlsxLink({ table, params = {} }: { table: string; params?: Record<string, string | string[] | undefined> }) {
  const t = await getTranslations('export');
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) query.append(k, one);
  }
  const qs = query.toString();
  return (
    <a
      href={`/export/${table}${qs ? `?${qs}` : ''}`}
      download
      className="inline-flex items-center gap-1 rounded-md border border-gray-300 bg-white px-2.5 py-1 text-xs font-medium text-gray-700 hover:bg-gray-50"
      data-testid={`export-${table}`}
    >
      <span aria-hidden>⤓</span>
      {t('xlsx')}
    </a>
  );
}
