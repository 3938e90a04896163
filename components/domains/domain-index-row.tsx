import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import type { DomainFigures } from '@/domain/dashboards/types';
import { recordsHref } from '@/domain/dashboards/drill';
import { localName, toLocale } from '@/domain/i18n/locales';
import { CountLink } from '@/components/dashboards/figure';

/** One domain of the index: its name opening its page, and its figures opening the records they count. */
export async function DomainIndexRow({
  domain,
  f,
  year,
  unit,
  pageQuery,
}: {
  domain: { code: string; nameZh: string; nameEn: string | null };
  f: DomainFigures;
  year: number;
  unit: string | undefined;
  /** The index's own filters, carried to the domain page. */
  pageQuery: string;
}) {
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const drill = { domain: domain.code, unit };
  return (
    <tr className="border-t border-gray-100 hover:bg-gray-50" data-domain={domain.code}>
      <th scope="row" className="px-4 py-2 text-left font-medium">
        <Link prefetch={false} href={`/domains/${encodeURIComponent(domain.code)}${pageQuery}`} className="text-blue-700 hover:underline">
          {localName(locale, domain)}
        </Link>
      </th>
      <td className="px-4 py-2 text-right" data-col="incidents">
        <CountLink n={f.incidents} href={recordsHref('incidents', { ...drill, year, state: 'current' })} />
      </td>
      <td className="px-4 py-2 text-right" data-col="serious">
        <CountLink n={f.serious} strong href={recordsHref('incidents', { ...drill, year, state: 'current', tier: 'serious' })} />
      </td>
      <td className="px-4 py-2 text-right" data-col="hazards">
        <CountLink n={f.hazards} href={recordsHref('hazards', { ...drill, year, state: 'current' })} />
      </td>
      <td className="px-4 py-2 text-right" data-col="open-major">
        <CountLink n={f.openMajor} strong href={recordsHref('hazards', { ...drill, severity: 'major', state: 'open' })} />
        {f.overdueMajor > 0 ? <span className="block text-xs text-red-800">{t('domains.overdueNote', { n: f.overdueMajor })}</span> : null}
      </td>
      <td className="px-4 py-2 text-right" data-col="units">
        <CountLink n={f.units} href={`/domains/${encodeURIComponent(domain.code)}${pageQuery}#units`} />
      </td>
    </tr>
  );
}
