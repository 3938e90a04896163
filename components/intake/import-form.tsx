'use client';

import { useTranslations } from 'next-intl';

/** The import's first step: which record kind, which file, then "upload and preview". */
export function ImportForm(props: {
  kinds: { code: string; label: string }[];
  kind: string;
  onKind: (kind: string) => void;
  onFile: (file: File | null) => void;
  busy: boolean;
  onSubmit: (e: React.FormEvent) => void;
}) {
  const t = useTranslations('importPage');
  return (
    <form
      onSubmit={props.onSubmit}
      className="grid gap-4 rounded-lg border border-gray-200 bg-white p-4 sm:grid-cols-[1fr_2fr_auto] sm:items-end"
    >
      <label className="block text-sm">
        <span className="font-medium text-gray-700">{t('kind')}</span>
        <select
          name="kind"
          value={props.kind}
          onChange={(e) => props.onKind(e.target.value)}
          className="mt-1 block w-full rounded border-gray-300 text-sm"
          data-testid="import-kind"
        >
          <option value="">{t('chooseKindOption')}</option>
          {props.kinds.map((k) => (
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
          onChange={(e) => props.onFile(e.target.files?.[0] ?? null)}
          className="mt-1 block w-full text-sm"
          data-testid="import-file"
        />
      </label>
      <button
        type="submit"
        disabled={props.busy}
        className="rounded bg-red-800 px-4 py-2 text-sm font-medium text-white hover:bg-red-900 disabled:opacity-50"
      >
        {t('preview')}
      </button>
    </form>
  );
}
