import { getLocale, getTranslations } from 'next-intl/server';
import { localName, toLocale } from '@/domain/i18n/locales';
import { YearBranchFilter } from '@/components/dashboards/year-branch-filter';

/** The domain pages' year and branch filter, with its labels. */
export async function DomainFilter({
  action,
  years,
  year,
  branches,
  branch,
}: {
  action: string;
  years: number[];
  year: number;
  branches: { code: string; name: string; nameEn: string | null }[];
  branch: string | undefined;
}) {
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  return (
    <YearBranchFilter
      action={action}
      years={years}
      year={year}
      branches={branches.map((b) => ({ code: b.code, label: localName(locale, b) }))}
      branch={branch}
      labels={{
        legend: t('domains.filters'),
        year: t('domains.year'),
        branch: t('domains.branch'),
        allBranches: t('domains.allBranches'),
        apply: t('domains.apply'),
        reset: t('domains.reset'),
      }}
    />
  );
}
