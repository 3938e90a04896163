import type { Locale } from '@/domain/i18n/locales';
import { localName } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';
import { levelFills } from '@/platform/pdf/colors';
import { renderPdf } from '@/platform/pdf/render-pdf';
import type { Block, TableCell } from '@/platform/pdf/types';
import { MAX_SERIES } from '@/platform/pdf/draw-chart';
import { domainColour } from '@/domain/reference/domain-colours';
import { levels } from '@/domain/reference/level-codes';
import { formatDate, formatDateTime } from '@/domain/time/shanghai';
import { attentionFirst, needsAttention } from '@/domain/bulletins/attention';
import type { BulletinInstitute } from '@/domain/bulletins/types';
import { BULLETIN_ALERT_LINES, levelChange, type BulletinView } from '@/domain/bulletins/view';

// The bulletin as a PDF (Chinese by default, English with the switch), of the viewer's scope only. The
// domain trend is a vector bar chart (platform/pdf/draw-chart.ts) in the page chart's colours, then the same
// numbers as a table.

const TIERS = ['1', '2', '3', '4'] as const;

/** What every section writes with: the view, its language and its ways of naming things. */
interface Pen {
  v: BulletinView;
  locale: Locale;
  t: (key: string, params?: Record<string, string | number>) => string;
  level: (l: (typeof levels)[number] | null) => TableCell;
  name: (row: { name: string | null; nameEn: string | null }) => string;
  domainName: (code: string) => string;
  /** The list separator and a parenthesis, in the reader's language. */
  sep: string;
  paren: (text: string) => string;
}

function penFor(v: BulletinView, locale: Locale): Pen {
  const t = (key: string, params: Record<string, string | number> = {}) => translate(locale, key, params);
  return {
    v,
    locale,
    t,
    level: (l) => (l ? { text: t(`levels.${l}`), fill: levelFills[l] } : '—'),
    name: (row) => localName(locale, { name: row.name, nameEn: row.nameEn }),
    domainName: (code) => {
      const d = v.domains.find((x) => x.code === code);
      return d ? localName(locale, d) : code;
    },
    sep: locale === 'en' ? ', ' : '，',
    paren: (text) => (locale === 'en' ? ` (${text})` : `（${text}）`),
  };
}

/** The scope line and the month's totals. */
function summaryBlocks({ v, t, sep, paren }: Pen, scopeLabel: string): Block[] {
  const tot = v.totals;
  return [
    { type: 'paragraph', text: v.wholeAcademy ? t('bulletins.scopeAll') : t('bulletins.scopePartial', { scope: scopeLabel }) },
    { type: 'heading', level: 2, text: t('bulletins.summary') },
    {
      type: 'keyValues',
      items: [
        {
          label: t('bulletins.incidentsTotal'),
          value: `${tot.incidents}${paren(TIERS.map((k, i) => `${t(`tiersShort.${k}`)} ${tot.incidentsByTier[i]}`).join(sep))}`,
        },
        {
          label: t('bulletins.hazardsTotal'),
          value: `${t('severity.major')} ${tot.hazards.major}${sep}${t('severity.general')} ${tot.hazards.general}`,
        },
        {
          label: t('bulletins.overdueTotal'),
          value: `${t('severity.major')} ${tot.overdueAtEnd.major}${sep}${t('severity.general')} ${tot.overdueAtEnd.general}`,
        },
        { label: t('bulletins.levelsAtEnd'), value: levels.map((l) => `${t(`levels.${l}`)} ${tot.levelsAtEnd[l]}`).join(sep) },
        { label: t('bulletins.changes'), value: t('bulletins.changesValue', { rose: tot.rose, fell: tot.fell }) },
        { label: t('bulletins.alertsTotal'), value: levels.map((l) => `${t(`levels.${l}`)} ${tot.alertsByColour[l]}`).join(sep) },
      ],
    },
  ];
}

function instituteTable({ t, level, name, paren }: Pen, rows: BulletinInstitute[]): Block {
  return {
    type: 'table',
    columns: [
      { label: t('bulletins.unit'), width: 115 },
      { label: t('bulletins.branch'), width: 65 },
      { label: t('bulletins.levelStart'), width: 42, align: 'center' },
      { label: t('bulletins.levelEnd'), width: 42, align: 'center' },
      // Wide enough for "Unchanged" and "Newly rated" on one line.
      { label: t('bulletins.change'), width: 62, align: 'center' },
      { label: t('bulletins.incidents'), align: 'right' },
      { label: t('bulletins.hazardsNew'), align: 'right' },
      { label: t('bulletins.overdue'), align: 'right' },
    ],
    rows: rows.map((r) => [
      `${name(r)}${paren(r.code)}`,
      r.branchName ? name({ name: r.branchName, nameEn: r.branchNameEn }) : '',
      level(r.levelStart),
      level(r.levelEnd),
      t(`bulletins.changeKind.${levelChange(r)}`),
      String(r.incidentsByTier.reduce((a, b) => a + b, 0)),
      String(r.hazards.general + r.hazards.major),
      String(r.overdueAtEnd.general + r.overdueAtEnd.major),
    ]),
  };
}

/** The institutes' levels: those that need attention first, then the others. */
function levelBlocks(pen: Pen): Block[] {
  const { v, t } = pen;
  const blocks: Block[] = [{ type: 'heading', level: 2, text: t('bulletins.levelsSection') }];
  if (v.institutes.length === 0) return [...blocks, { type: 'paragraph', text: t('bulletins.noInstitutes') }];
  const attention = attentionFirst(v.institutes).filter(needsAttention);
  const others = attentionFirst(v.institutes).filter((r) => !needsAttention(r));
  blocks.push({ type: 'heading', level: 3, text: t('bulletins.attentionSection', { n: attention.length }) });
  blocks.push(attention.length ? instituteTable(pen, attention) : { type: 'paragraph', text: t('bulletins.attentionNone') });
  if (others.length) {
    blocks.push({ type: 'heading', level: 3, text: t('bulletins.othersSection', { n: others.length }) });
    blocks.push(instituteTable(pen, others));
  }
  return blocks;
}

/** The month's alerts, the first BULLETIN_ALERT_LINES of them. */
function alertBlocks({ v, t, level, locale, paren }: Pen): Block[] {
  const blocks: Block[] = [{ type: 'heading', level: 2, text: t('bulletins.alertsSection') }];
  if (v.alerts.length === 0) return [...blocks, { type: 'paragraph', text: t('bulletins.noAlerts') }];
  blocks.push({
    type: 'table',
    columns: [
      { label: t('bulletins.alertColour'), width: 45, align: 'center' },
      { label: t('bulletins.alertTime'), width: 70 },
      { label: t('bulletins.unit'), width: 90 },
      { label: t('bulletins.alertMessage') },
    ],
    rows: v.alerts
      .slice(0, BULLETIN_ALERT_LINES)
      .map((a) => [
        level(a.colour),
        formatDate(new Date(a.firedAt)),
        a.unitCode ? `${localName(locale, { name: a.unitName, nameEn: a.unitNameEn })}${paren(a.unitCode)}` : t('bulletins.academyWide'),
        locale === 'en' ? a.messageEn : a.messageZh,
      ]),
  });
  if (v.alerts.length > BULLETIN_ALERT_LINES)
    blocks.push({ type: 'paragraph', text: t('bulletins.alertsMorePdf', { shown: BULLETIN_ALERT_LINES, total: v.alerts.length }) });
  return blocks;
}

/** The domain trend: a bar chart of the busiest domains, then every domain with records as a table. */
function trendBlocks({ v, t, domainName }: Pen): Block[] {
  const blocks: Block[] = [{ type: 'heading', level: 2, text: t('bulletins.trendSection') }];
  const shown = v.domains.filter((d) => v.trend.some((m) => (m.counts[d.code] ?? 0) > 0));
  if (shown.length === 0) return [...blocks, { type: 'paragraph', text: t('bulletins.noTrend') }];
  blocks.push(trendChart(v, shown, domainName, t));
  if (shown.length > MAX_SERIES) blocks.push({ type: 'paragraph', text: t('bulletins.chartTopDomains', { n: MAX_SERIES }) });
  blocks.push({
    type: 'table',
    columns: [{ label: t('bulletins.domain'), width: 110 }, ...v.trendMonths.map((m) => ({ label: m, align: 'right' as const }))],
    rows: shown.map((d) => [domainName(d.code), ...v.trend.map((m) => String(m.counts[d.code] ?? 0))]),
  });
  return blocks;
}

export function bulletinPdf(v: BulletinView, locale: Locale, scopeLabel: string): Promise<Buffer> {
  const pen = penFor(v, locale);
  const { t } = pen;
  const title = t('bulletins.title', { month: v.month });
  return renderPdf({
    title,
    subtitle: t('bulletins.subtitle', {
      from: formatDate(new Date(v.periodStart)),
      to: formatDate(new Date(new Date(v.periodEnd).getTime() - 1)),
      version: v.ruleSetVersion,
      generated: formatDateTime(v.generatedAt),
    }),
    meta: { author: t('app.name'), subject: title },
    footer: t('bulletins.footer', { generated: formatDateTime(v.generatedAt) }),
    pageNumber: t('pdf.pageNumber'),
    createdAt: v.generatedAt,
    blocks: [...summaryBlocks(pen, scopeLabel), ...levelBlocks(pen), ...alertBlocks(pen), ...trendBlocks(pen)],
  });
}

/** The domains with the most records over the window (at most MAX_SERIES), in the list's order, as bars. */
function trendChart(
  v: BulletinView,
  shown: BulletinView['domains'],
  domainName: (code: string) => string,
  t: (key: string) => string,
): Block {
  const total = (code: string) => v.trend.reduce((sum, m) => sum + (m.counts[code] ?? 0), 0);
  const top = new Set(
    [...shown]
      .sort((a, b) => total(b.code) - total(a.code))
      .slice(0, MAX_SERIES)
      .map((d) => d.code),
  );
  return {
    type: 'barChart',
    categories: v.trendMonths,
    series: shown
      .filter((d) => top.has(d.code))
      .map((d) => ({
        label: domainName(d.code),
        colour: domainColour(d.code, v.domains.indexOf(d)),
        values: v.trend.map((m) => m.counts[d.code] ?? 0),
      })),
    xLabel: t('bulletins.chartAxisMonth'),
    yLabel: t('bulletins.chartAxisCount'),
  };
}
