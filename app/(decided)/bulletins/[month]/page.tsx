import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { bulletinByMonth } from '@/db/bulletins/bulletins';
import { requireActor } from '@/server/auth/current-actor';
import { isMonth } from '@/domain/time/months';
import { bulletinView } from '@/domain/bulletins/view';
import { toLocale } from '@/domain/i18n/locales';
import { formatDate, formatDateTime } from '@/domain/time/shanghai';
import { PageHeader } from '@/components/page-header';
import { scopeText } from '@/components/scope-text';
import { BulletinSummary } from '@/components/bulletins/bulletin-summary';
import { BulletinLevels } from '@/components/bulletins/bulletin-levels';
import { BulletinAlerts } from '@/components/bulletins/bulletin-alerts';
import { BulletinTrend } from '@/components/bulletins/bulletin-trend';

export async function generateMetadata({ params }: { params: Promise<{ month: string }> }) {
  const { month } = await params;
  return { title: (await getTranslations('bulletins'))('title', { month: isMonth(month) ? month : '' }) };
}

export default async function BulletinPage({ params }: { params: Promise<{ month: string }> }) {
  const actor = await requireActor();
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const { month } = await params;
  const stored = isMonth(month) ? await bulletinByMonth(getDb(), month) : undefined;
  if (!stored) notFound();
  const v = bulletinView(stored, actor.scope);
  return (
    <div className="space-y-6" data-testid="bulletin" data-month={v.month}>
      <Link href="/bulletins" className="text-sm text-blue-700 hover:underline">
        ← {t('bulletins.back')}
      </Link>
      <PageHeader
        title={t('bulletins.title', { month: v.month })}
        subtitle={t('bulletins.subtitle', {
          from: formatDate(new Date(v.periodStart)),
          to: formatDate(new Date(new Date(v.periodEnd).getTime() - 1)),
          version: v.ruleSetVersion,
          generated: formatDateTime(v.generatedAt),
        })}
      >
        <a
          href={`/bulletins/${v.month}/pdf`}
          className="rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800"
          data-testid="bulletin-pdf"
        >
          {t('bulletins.download')}
        </a>
      </PageHeader>
      <p className="text-sm text-gray-700" data-testid="bulletin-scope">
        {v.wholeAcademy ? t('bulletins.scopeAll') : t('bulletins.scopePartial', { scope: await scopeText(actor) })}
      </p>
      <BulletinSummary v={v} locale={locale} />
      <BulletinLevels v={v} locale={locale} />
      <BulletinAlerts v={v} locale={locale} />
      <BulletinTrend v={v} locale={locale} />
    </div>
  );
}
