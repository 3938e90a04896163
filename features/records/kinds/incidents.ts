import { z } from 'zod';
import { incidents, incidentStatuses } from '@/db/schema';
import { yearStart, shanghaiYear } from '@/domain/time/shanghai';
import { cny, code, count, externalId, instant, longText, opt, unitCode } from '@/domain/records/schema-parts';
import type { KindDef } from '@/features/records/kinds/kind-def';

const schema = z.object({
  externalId,
  unitCode,
  domain: code,
  dimension: code,
  tier: z.number().int().min(1).max(4),
  occurredAt: instant,
  discoveredAt: opt(instant),
  reportedAt: opt(instant),
  // History whose report time nobody recorded (decision 033): no lateness is invented for it.
  reportTimeUnknown: opt(
    z
      .boolean()
      .describe(
        'true: history whose report time was never recorded; never scored late. Not with reportedAt; only for incidents of past years (decision 033).',
      ),
  ),
  deaths: opt(count),
  seriousInjuries: opt(count),
  directLossCny: opt(cny),
  concealed: opt(z.boolean()),
  projectExternalId: opt(externalId),
  summary: opt(longText),
  status: opt(z.enum(incidentStatuses)),
});

type Input = z.output<typeof schema>;

export const incidentKind: KindDef<Input> = {
  kind: 'incidents',
  table: incidents,
  schema,
  plain: [
    'domain',
    'dimension',
    'tier',
    'occurredAt',
    'discoveredAt',
    'reportedAt',
    'reportTimeUnknown',
    'deaths',
    'seriousInjuries',
    'directLossCny',
    'concealed',
    'summary',
    'status',
  ],
  project: 'optional',
  codes: { domain: 'domain', dimension: 'dimension' },
  // API.md: discoveredAt defaults to occurredAt, reportedAt to the time the report is received.
  defaults: (input, now) => ({
    discoveredAt: input.occurredAt,
    reportedAt: now,
    reportTimeUnknown: false,
    deaths: 0,
    seriousInjuries: 0,
    directLossCny: 0,
    concealed: false,
    status: 'reported',
  }),
  // Who may change what once reviewed (closing, concealment): domain/records/seal-rules.ts.
  check: (input, _refs, now) => {
    const out = [];
    if (input.discoveredAt && input.discoveredAt < input.occurredAt) out.push({ field: 'discoveredAt', key: 'validation.beforeOccurred' });
    if (input.reportedAt && input.reportedAt < (input.discoveredAt ?? input.occurredAt))
      out.push({ field: 'reportedAt', key: 'validation.beforeDiscovered' });
    // Both a report time and "unknown" is refused. A report time sent alone does not clear a stored "unknown"
    // (the record form posts the stored reportedAt back on every edit): clearing is `reportTimeUnknown: false`.
    if (input.reportTimeUnknown === true) {
      if (input.reportedAt) out.push({ field: 'reportTimeUnknown', key: 'validation.reportTimeBoth' });
      // An incident of the current year is being reported now, through Fenghuo: its report time is known.
      // Only history (before this year, Beijing time) may be loaded without one, so a live incident cannot
      // escape its deadline by this flag.
      else if (input.occurredAt >= yearStart(shanghaiYear(now)))
        out.push({ field: 'reportTimeUnknown', key: 'validation.reportTimeUnknownRecent', params: { year: shanghaiYear(now) } });
    }
    return out;
  },
  fields: [
    { code: 'externalId', labelZh: '事件编号', labelEn: 'Incident reference', required: true, type: 'string', example: 'INC-2025-0001' },
    { code: 'unitCode', labelZh: '单位代码', labelEn: 'Unit code', required: true, type: 'string', example: 'BJ01' },
    { code: 'domain', labelZh: '领域', labelEn: 'Domain', required: true, type: 'enum', example: 'drones' },
    { code: 'dimension', labelZh: '风险维度', labelEn: 'Risk dimension', required: true, type: 'enum', example: 'loss' },
    {
      code: 'tier',
      labelZh: '事件等级',
      labelEn: 'Tier',
      required: true,
      type: 'enum',
      options: ['1', '2', '3', '4'],
      example: '4',
      note: '1 = Ⅰ级 特别重大 … 4 = Ⅳ级 一般',
    },
    {
      code: 'occurredAt',
      labelZh: '发生时间',
      labelEn: 'Occurred at',
      required: true,
      type: 'datetime',
      example: '2025-03-04T09:30:00+08:00',
    },
    {
      code: 'discoveredAt',
      labelZh: '发现时间',
      labelEn: 'Discovered at',
      required: false,
      type: 'datetime',
      example: '2025-03-04T10:00:00+08:00',
    },
    {
      code: 'reportedAt',
      labelZh: '报告时间',
      labelEn: 'Reported at',
      required: false,
      type: 'datetime',
      example: '2025-03-04T11:00:00+08:00',
    },
    {
      code: 'reportTimeUnknown',
      labelZh: '报告时间不详',
      labelEn: 'Report time unknown',
      required: false,
      type: 'boolean',
      example: 'false',
      note: "是 = 往年事件，报告时间无记录，不计迟报（报告时间留空）/ yes = a past year's incident with no recorded report time: never scored late (leave Reported at empty)",
    },
    { code: 'deaths', labelZh: '死亡人数', labelEn: 'Deaths', required: false, type: 'integer', example: '0' },
    { code: 'seriousInjuries', labelZh: '重伤人数', labelEn: 'Serious injuries', required: false, type: 'integer', example: '0' },
    {
      code: 'directLossCny',
      labelZh: '直接经济损失（元）',
      labelEn: 'Direct loss (CNY)',
      required: false,
      type: 'integer',
      example: '20000',
    },
    { code: 'projectExternalId', labelZh: '关联项目编号', labelEn: 'Project reference', required: false, type: 'string', example: '' },
    {
      code: 'summary',
      labelZh: '事件经过',
      labelEn: 'Summary',
      required: false,
      type: 'string',
      example: '无人机试飞失控坠落，无人员伤亡',
    },
    { code: 'status', labelZh: '状态', labelEn: 'Status', required: false, type: 'enum', options: incidentStatuses, example: 'reported' },
  ],
};
