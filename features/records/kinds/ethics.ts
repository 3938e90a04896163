import { z } from 'zod';
import { ethicsActivities, ethicsAnnualReports, ethicsCommittees, ethicsStatuses } from '@/db/schema';
import { externalId, instant, opt, shortText, unitCode } from '@/domain/records/schema-parts';
import type { KindDef } from '@/features/records/kinds/kind-def';

const committeeSchema = z.object({
  externalId,
  unitCode,
  name: opt(shortText),
  establishedAt: instant,
  registeredAt: opt(instant),
  dissolvedAt: opt(instant),
  status: opt(z.enum(ethicsStatuses)),
});

export const ethicsCommitteeKind: KindDef<z.output<typeof committeeSchema>> = {
  kind: 'ethics-committees',
  table: ethicsCommittees,
  schema: committeeSchema,
  plain: ['name', 'establishedAt', 'registeredAt', 'dissolvedAt', 'status'],
  project: 'none',
  codes: {},
  defaults: () => ({ status: 'active' }),
  check: (input) =>
    input.registeredAt && input.registeredAt < input.establishedAt ? [{ field: 'registeredAt', key: 'validation.beforeEstablished' }] : [],
  fields: [
    { code: 'externalId', labelZh: '委员会编号', labelEn: 'Committee reference', required: true, type: 'string', example: 'EC-01' },
    { code: 'unitCode', labelZh: '单位代码', labelEn: 'Unit code', required: true, type: 'string', example: 'BJ01' },
    { code: 'name', labelZh: '委员会名称', labelEn: 'Name', required: false, type: 'string', example: '科技伦理（审查）委员会' },
    { code: 'establishedAt', labelZh: '设立日期', labelEn: 'Established on', required: true, type: 'date', example: '2024-05-06' },
    { code: 'registeredAt', labelZh: '登记日期', labelEn: 'Registered on', required: false, type: 'date', example: '2024-05-20' },
    { code: 'dissolvedAt', labelZh: '撤销日期', labelEn: 'Dissolved on', required: false, type: 'date', example: '' },
    { code: 'status', labelZh: '状态', labelEn: 'Status', required: false, type: 'enum', options: ethicsStatuses, example: 'active' },
  ],
};

const activitySchema = z.object({
  externalId,
  unitCode,
  title: opt(shortText),
  approvedAt: instant,
  registeredAt: opt(instant),
  reReviewedAt: opt(instant),
  projectExternalId: opt(externalId),
  status: opt(z.enum(ethicsStatuses)),
});

export const ethicsActivityKind: KindDef<z.output<typeof activitySchema>> = {
  kind: 'ethics-activities',
  table: ethicsActivities,
  schema: activitySchema,
  plain: ['title', 'approvedAt', 'registeredAt', 'reReviewedAt', 'status'],
  project: 'optional',
  codes: {},
  defaults: () => ({ status: 'active' }),
  check: (input) =>
    input.registeredAt && input.registeredAt < input.approvedAt ? [{ field: 'registeredAt', key: 'validation.beforeApproved' }] : [],
  fields: [
    { code: 'externalId', labelZh: '活动编号', labelEn: 'Activity reference', required: true, type: 'string', example: 'EA-2025-01' },
    { code: 'unitCode', labelZh: '单位代码', labelEn: 'Unit code', required: true, type: 'string', example: 'BJ01' },
    { code: 'title', labelZh: '活动名称', labelEn: 'Title', required: false, type: 'string', example: '侵入式脑机接口临床研究' },
    { code: 'approvedAt', labelZh: '伦理审查批准日期', labelEn: 'Ethics approval on', required: true, type: 'date', example: '2025-03-01' },
    { code: 'registeredAt', labelZh: '登记日期', labelEn: 'Registered on', required: false, type: 'date', example: '2025-03-20' },
    { code: 'reReviewedAt', labelZh: '专家复核日期', labelEn: 'Expert re-review on', required: false, type: 'date', example: '' },
    { code: 'projectExternalId', labelZh: '关联项目编号', labelEn: 'Project reference', required: false, type: 'string', example: '' },
    { code: 'status', labelZh: '状态', labelEn: 'Status', required: false, type: 'enum', options: ethicsStatuses, example: 'active' },
  ],
};

// API.md sends no externalId for an annual report: its key is the unit and the year, stored as `AR-<year>`.
const annualReportSchema = z
  .object({
    unitCode,
    year: z.number().int().min(2000).max(2100),
    submittedAt: instant,
    status: opt(z.enum(ethicsStatuses)),
  })
  .transform((r) => ({ ...r, externalId: `AR-${r.year}` }));

export const ethicsAnnualReportKind: KindDef<z.output<typeof annualReportSchema>> = {
  kind: 'ethics-annual-reports',
  table: ethicsAnnualReports,
  schema: annualReportSchema,
  plain: ['year', 'submittedAt', 'status'],
  project: 'none',
  codes: {},
  defaults: () => ({ status: 'active' }),
  fields: [
    { code: 'unitCode', labelZh: '单位代码', labelEn: 'Unit code', required: true, type: 'string', example: 'BJ01' },
    { code: 'year', labelZh: '报告年度', labelEn: 'Year reported on', required: true, type: 'integer', example: '2024' },
    { code: 'submittedAt', labelZh: '提交日期', labelEn: 'Submitted on', required: true, type: 'date', example: '2025-03-15' },
    { code: 'status', labelZh: '状态', labelEn: 'Status', required: false, type: 'enum', options: ethicsStatuses, example: 'active' },
  ],
};
