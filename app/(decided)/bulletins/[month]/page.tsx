import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { bulletinByMonth } from '@/db/queries/bulletins';
import { requireActor } from '@/server/auth/current-actor';
import { isMonth } from '@/domain/time/months';
import { BULLETIN_ALERT_LINES, bulletinView, levelChange } from '@/domain/bulletins/view';
import { attentionFirst, needsAttention } from '@/domain/bulletins/attention';
import { localName, toLocale } from '@/domain/i18n/locales';
import { levels, type Level } from '@/domain/reference/level-codes';
import { formatDate, formatDateTime } from '@/domain/time/shanghai';
import { DataTable } from '@/components/data-table';
import { LevelBadge } from '@/components/level-badge';
import { PageHeader } from '@/components/page-header';
import { scopeText } from '@/components/scope-text';
import { BulletinTrendChart } from '@/components/charts/bulletin-trend-chart';

export async function generateMetadata({ params }: { params: Promise<{ month: string }> }) {
  const { month } = await params;
  return { title: (await getTranslations('bulletins'))('title', { month: isMonth(month) ? month : '' }) };
}

const changeStyle = {
  rose: 'text-red-700 font-medium',
  fell: 'text-emerald-700 font-medium',
  same: 'text-gray-600',
  new: 'text-gray-600',
  none: 'text-gray-400',
};

export default async function BulletinPage({ params }: { params: Promise<{ month: string }> }) {
  const actor = await requireActor();
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const { month } = await params;
  const stored = isMonth(month) ? bulletinByMonth(getDb(), month) : undefined;
  const back = (
    <Link href="/bulletins" className="text-sm text-blue-700 hover:underline">
      ← {t('bulletins.back')}
    </Link>
  );
  if (!stored) notFound();
  const v = bulletinView(stored, actor.scope);
  const word = (l: Level) => t(`levels.${l}`);
  const badge = (l: Level | null) => (l ? <LevelBadge level={l} label={word(l)} /> : <span className="text-gray-400">—</span>);
  const name = (r: { name: string | null; nameEn: string | null }) => localName(locale, r);
  const sep = locale === 'en' ? ', ' : '，';
  const domainLabel = (code: string) => {
    const d = v.domains.find((x) => x.code === code);
    return d ? localName(locale, d) : code;
  };
  const series = v.domains.filter((d) => v.trend.some((m) => (m.counts[d.code] ?? 0) > 0));
  const chartData = v.trend.map((m) => ({ month: m.month, ...Object.fromEntries(series.map((d) => [d.code, m.counts[d.code] ?? 0])) }));
  const tot = v.totals;
  const summary: { label: string; value: string; testId: string }[] = [
    {
      label: t('bulletins.incidentsTotal'),
      value: `${tot.incidents}${locale === 'en' ? ' — ' : '：'}${(['1', '2', '3', '4'] as const)
        .map((k, i) => `${t(`tiersShort.${k}`)} ${tot.incidentsByTier[i]}`)
        .join(sep)}`,
      testId: 'sum-incidents',
    },
    {
      label: t('bulletins.hazardsTotal'),
      value: `${t('severity.major')} ${tot.hazards.major}${sep}${t('severity.general')} ${tot.hazards.general}`,
      testId: 'sum-hazards',
    },
    {
      label: t('bulletins.overdueTotal'),
      value: `${t('severity.major')} ${tot.overdueAtEnd.major}${sep}${t('severity.general')} ${tot.overdueAtEnd.general}`,
      testId: 'sum-overdue',
    },
    { label: t('bulletins.changes'), value: t('bulletins.changesValue', { rose: tot.rose, fell: tot.fell }), testId: 'sum-changes' },
  ];

  return (
    <div className="space-y-6" data-testid="bulletin" data-month={v.month}>
      {back}
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

      <section aria-labelledby="b-summary">
        <h2 id="b-summary" className="mb-2 text-lg font-semibold text-gray-900">
          {t('bulletins.summary')}
        </h2>
        <dl className="grid gap-3 sm:grid-cols-2">
          {summary.map((s) => (
            <div key={s.testId} className="rounded-lg border border-gray-200 bg-white p-3" data-testid={s.testId}>
              <dt className="text-xs text-gray-500">{s.label}</dt>
              <dd className="mt-1 text-sm font-medium text-gray-900">{s.value}</dd>
            </div>
          ))}
          <div className="rounded-lg border border-gray-200 bg-white p-3">
            <dt className="text-xs text-gray-500">{t('bulletins.levelsAtEnd')}</dt>
            <dd className="mt-1 flex flex-wrap gap-2">
              {levels.map((l) => (
                <LevelBadge key={l} level={l} label={word(l)} detail={String(tot.levelsAtEnd[l])} />
              ))}
            </dd>
          </div>
          <div className="rounded-lg border border-gray-200 bg-white p-3">
            <dt className="text-xs text-gray-500">{t('bulletins.alertsTotal')}</dt>
            <dd className="mt-1 flex flex-wrap gap-2">
              {levels.map((l) => (
                <LevelBadge key={l} level={l} label={word(l)} detail={String(tot.alertsByColour[l])} />
              ))}
            </dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="b-levels">
        <h2 id="b-levels" className="mb-2 text-lg font-semibold text-gray-900">
          {t('bulletins.levelsSection')}
        </h2>
        <p className="mb-2 text-sm text-gray-600">{t('bulletins.attentionHint')}</p>
        {v.institutes.length === 0 ? (
          <p className="text-sm text-gray-500">{t('bulletins.noInstitutes')}</p>
        ) : (
          <DataTable
            compact
            testId="bulletin-units"
            columns={[
              { label: t('bulletins.unit') },
              { label: t('bulletins.branch') },
              { label: t('bulletins.levelStart') },
              { label: t('bulletins.levelEnd') },
              { label: t('bulletins.change') },
              { label: t('bulletins.pointsEnd'), align: 'right' },
              { label: t('bulletins.incidents'), align: 'right' },
              { label: t('bulletins.hazardsNew'), align: 'right' },
              { label: t('bulletins.overdue'), align: 'right' },
            ]}
          >
            {attentionFirst(v.institutes).map((r) => {
              const change = levelChange(r);
              const attention = needsAttention(r);
              return (
                <tr
                  key={r.unitId}
                  className={`border-t border-gray-100 hover:bg-gray-50 ${attention ? 'bg-red-50/60' : ''}`}
                  data-unit={r.code}
                  data-level={r.levelEnd ?? ''}
                  data-attention={attention ? 'yes' : 'no'}
                >
                  <td className="px-3 py-2">
                    {name(r)} <span className="font-mono text-xs text-gray-500">{r.code}</span>
                  </td>
                  <td className="px-3 py-2 text-gray-600">{r.branchName ? name({ name: r.branchName, nameEn: r.branchNameEn }) : ''}</td>
                  <td className="px-3 py-2">{badge(r.levelStart)}</td>
                  <td className="px-3 py-2">{badge(r.levelEnd)}</td>
                  <td className={`px-3 py-2 ${changeStyle[change]}`}>{t(`bulletins.changeKind.${change}`)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{r.pointsEnd ?? '—'}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{r.incidentsByTier.reduce((a, b) => a + b, 0)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{r.hazards.general + r.hazards.major}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{r.overdueAtEnd.general + r.overdueAtEnd.major}</td>
                </tr>
              );
            })}
          </DataTable>
        )}
      </section>

      <section aria-labelledby="b-alerts">
        <h2 id="b-alerts" className="mb-2 text-lg font-semibold text-gray-900">
          {t('bulletins.alertsSection')}
        </h2>
        {v.alerts.length === 0 ? (
          <p className="text-sm text-gray-500" data-testid="bulletin-no-alerts">
            {t('bulletins.noAlerts')}
          </p>
        ) : (
          <DataTable
            compact
            testId="bulletin-alerts"
            columns={[
              { label: t('bulletins.alertColour') },
              { label: t('bulletins.alertTime') },
              { label: t('bulletins.unit') },
              { label: t('bulletins.alertMessage') },
            ]}
          >
            {v.alerts.slice(0, BULLETIN_ALERT_LINES).map((a) => (
              <tr key={a.id} className="border-t border-gray-100 align-top">
                <td className="px-3 py-2">{badge(a.colour)}</td>
                <td className="px-3 py-2 text-gray-600">{formatDate(new Date(a.firedAt))}</td>
                <td className="px-3 py-2">
                  {a.unitCode ? localName(locale, { name: a.unitName, nameEn: a.unitNameEn }) : t('bulletins.academyWide')}
                </td>
                <td className="px-3 py-2">{locale === 'en' ? a.messageEn : a.messageZh}</td>
              </tr>
            ))}
          </DataTable>
        )}
        {v.alerts.length > BULLETIN_ALERT_LINES ? (
          <p className="mt-2 text-sm text-gray-600" data-testid="bulletin-alerts-more">
            {t('bulletins.alertsMore', { shown: BULLETIN_ALERT_LINES, total: v.alerts.length })}{' '}
            <Link href={`/alerts?period=${v.month}`} className="text-blue-700 hover:underline">
              {t('bulletins.alertsInbox')}
            </Link>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="b-trend">
        <h2 id="b-trend" className="mb-1 text-lg font-semibold text-gray-900">
          {t('bulletins.trendSection')}
        </h2>
        <p className="mb-2 text-sm text-gray-500">{t('bulletins.trendNote')}</p>
        {series.length === 0 ? (
          <p className="text-sm text-gray-500">{t('bulletins.noTrend')}</p>
        ) : (
          <div className="space-y-3 rounded-lg border border-gray-200 bg-white p-4">
            <BulletinTrendChart
              data={chartData}
              series={series.map((d) => ({ code: d.code, label: domainLabel(d.code) }))}
              label={t('bulletins.trendSection')}
            />
            <DataTable
              compact
              testId="bulletin-trend"
              columns={[{ label: t('bulletins.domain') }, ...v.trendMonths.map((m) => ({ label: m, align: 'right' as const }))]}
            >
              {series.map((d) => (
                <tr key={d.code} className="border-t border-gray-100">
                  <td className="px-3 py-2">{domainLabel(d.code)}</td>
                  {v.trend.map((m) => (
                    <td key={m.month} className="px-3 py-2 text-right tabular-nums">
                      {m.counts[d.code] ?? 0}
                    </td>
                  ))}
                </tr>
              ))}
            </DataTable>
          </div>
        )}
      </section>
    </div>
  );
}
