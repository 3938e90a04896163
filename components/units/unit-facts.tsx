import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { localName, toLocale } from '@/domain/i18n/locales';

interface Named {
  code: string;
  name: string;
  nameEn: string | null;
}

/** Where the unit sits: code, kind, branch, parent and, for a department, the institute it counts for. */
export async function UnitFacts({
  profile,
}: {
  profile: { unit: Named & { kind: string }; parent: Named | null; branch: Named | null; institute: Named | null };
}) {
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const { unit, parent, branch, institute } = profile;
  const name = (u: { name: string; nameEn: string | null }) => localName(locale, u);
  return (
    <dl className="grid grid-cols-1 gap-x-6 rounded-lg border border-gray-200 bg-white p-6 sm:grid-cols-2" data-testid="unit-facts">
      <Fact label={t('unitPage.code')}>
        <span className="font-mono">{unit.code}</span>
      </Fact>
      <Fact label={t('unitPage.kind')}>{t(`unitKinds.${unit.kind}`)}</Fact>
      <Fact label={t('unitPage.branch')}>{branch ? name(branch) : '—'}</Fact>
      <Fact label={t('unitPage.parent')}>{parent ? name(parent) : '—'}</Fact>
      {unit.kind === 'department' && institute ? (
        <Fact label={t('unitPage.institute')}>
          <Link href={`/units/${encodeURIComponent(institute.code)}`} className="text-blue-700 hover:underline">
            {name(institute)}
          </Link>
        </Fact>
      ) : null}
    </dl>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="border-b border-gray-100 py-2">
      <dt className="text-xs text-gray-500">{label}</dt>
      <dd className="mt-0.5 text-sm">{children}</dd>
    </div>
  );
}
