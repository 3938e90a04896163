import { z } from 'zod';
import { hazards, hazardSeverities, hazardSources, hazardStatuses } from '@/db/schema';
import { code, externalId, instant, longText, opt, unitCode } from '@/domain/records/schema-parts';
import type { KindDef } from '@/features/records/kinds/kind-def';

const schema = z.object({
  externalId,
  unitCode,
  domain: code,
  dimension: code,
  severity: z.enum(hazardSeverities),
  source: opt(z.enum(hazardSources)),
  foundAt: instant,
  dueAt: instant,
  rectifiedAt: opt(instant),
  verifiedAt: opt(instant),
  projectExternalId: opt(externalId),
  description: opt(longText),
  rectificationPlan: opt(longText),
  status: opt(z.enum(hazardStatuses)),
});

type Input = z.output<typeof schema>;

export const hazardKind: KindDef<Input> = {
  kind: 'hazards',
  table: hazards,
  schema,
  plain: [
    'domain',
    'dimension',
    'severity',
    'source',
    'foundAt',
    'dueAt',
    'rectifiedAt',
    'verifiedAt',
    'description',
    'rectificationPlan',
    'status',
  ],
  project: 'optional',
  codes: { domain: 'domain', dimension: 'dimension' },
  // A hazard sent with its rectification date is rectified unless the sender says otherwise.
  defaults: (input) => ({ source: 'self_inspection', status: input.rectifiedAt ? 'rectified' : 'open' }),
  check: (input) => {
    const out = [];
    if (input.dueAt < input.foundAt) out.push({ field: 'dueAt', key: 'validation.dueBeforeFound' });
    if (input.rectifiedAt && input.rectifiedAt < input.foundAt) out.push({ field: 'rectifiedAt', key: 'validation.beforeFound' });
    if (input.status === 'verified' && !input.rectifiedAt) out.push({ field: 'rectifiedAt', key: 'validation.verifiedNeedsRectified' });
    return out;
  },
  fields: [
    { code: 'externalId', labelZh: '隐患编号', labelEn: 'Hazard reference', required: true, type: 'string', example: 'HZ-2025-001' },
    { code: 'unitCode', labelZh: '单位代码', labelEn: 'Unit code', required: true, type: 'string', example: 'BJ01' },
    { code: 'domain', labelZh: '领域', labelEn: 'Domain', required: true, type: 'enum', example: 'ai' },
    { code: 'dimension', labelZh: '风险维度', labelEn: 'Risk dimension', required: true, type: 'enum', example: 'data' },
    {
      code: 'severity',
      labelZh: '隐患等级',
      labelEn: 'Severity',
      required: true,
      type: 'enum',
      options: hazardSeverities,
      example: 'general',
    },
    {
      code: 'source',
      labelZh: '发现方式',
      labelEn: 'Source',
      required: false,
      type: 'enum',
      options: hazardSources,
      example: 'self_inspection',
    },
    { code: 'foundAt', labelZh: '发现日期', labelEn: 'Found on', required: true, type: 'date', example: '2025-03-04' },
    { code: 'dueAt', labelZh: '整改期限', labelEn: 'Due date', required: true, type: 'date', example: '2025-04-04' },
    { code: 'rectifiedAt', labelZh: '整改完成日期', labelEn: 'Rectified on', required: false, type: 'date', example: '' },
    { code: 'projectExternalId', labelZh: '关联项目编号', labelEn: 'Project reference', required: false, type: 'string', example: '' },
    { code: 'description', labelZh: '隐患描述', labelEn: 'Description', required: false, type: 'string', example: '实验数据未加密存储' },
    {
      code: 'rectificationPlan',
      labelZh: '整改措施',
      labelEn: 'Rectification plan',
      required: false,
      type: 'string',
      example: '部署加密存储并开展培训',
    },
    { code: 'status', labelZh: '状态', labelEn: 'Status', required: false, type: 'enum', options: hazardStatuses, example: 'open' },
  ],
};
