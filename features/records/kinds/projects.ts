import { z } from 'zod';
import { projects, projectStatuses } from '@/db/schema';
import { code, externalId, instant, opt, shortText, unitCode } from '@/domain/records/schema-parts';
import type { KindDef } from '@/features/records/kinds/kind-def';

const schema = z.object({
  externalId,
  unitCode,
  title: z.string().trim().min(1).max(500),
  domain: code,
  lead: opt(shortText),
  requiresPermit: opt(z.boolean()),
  permitAt: opt(instant),
  requiresFiling: opt(z.boolean()),
  filedAt: opt(instant),
  startedAt: opt(instant),
  pausedAt: opt(instant),
  closedAt: opt(instant),
  status: opt(z.enum(projectStatuses)),
});

export const projectKind: KindDef<z.output<typeof schema>> = {
  kind: 'projects',
  table: projects,
  schema,
  plain: [
    'title',
    'domain',
    'lead',
    'requiresPermit',
    'permitAt',
    'requiresFiling',
    'filedAt',
    'startedAt',
    'pausedAt',
    'closedAt',
    'status',
  ],
  project: 'none',
  codes: { domain: 'domain' },
  defaults: () => ({ requiresPermit: false, requiresFiling: false, status: 'planned' }),
  fields: [
    { code: 'externalId', labelZh: '项目编号', labelEn: 'Project reference', required: true, type: 'string', example: 'PRJ-2025-001' },
    { code: 'unitCode', labelZh: '单位代码', labelEn: 'Unit code', required: true, type: 'string', example: 'BJ01' },
    { code: 'title', labelZh: '项目名称', labelEn: 'Title', required: true, type: 'string', example: '面向医学影像的深度学习辅助诊断' },
    { code: 'domain', labelZh: '领域', labelEn: 'Domain', required: true, type: 'enum', example: 'ai' },
    { code: 'lead', labelZh: '项目负责人', labelEn: 'Lead', required: false, type: 'string', example: '张三' },
    { code: 'requiresPermit', labelZh: '需行政许可', labelEn: 'Requires permit', required: false, type: 'boolean', example: 'false' },
    { code: 'permitAt', labelZh: '许可日期', labelEn: 'Permit date', required: false, type: 'date', example: '' },
    { code: 'requiresFiling', labelZh: '需备案', labelEn: 'Requires filing', required: false, type: 'boolean', example: 'false' },
    { code: 'filedAt', labelZh: '备案日期', labelEn: 'Filing date', required: false, type: 'date', example: '' },
    { code: 'startedAt', labelZh: '开始日期', labelEn: 'Start date', required: false, type: 'date', example: '2025-03-01' },
    { code: 'closedAt', labelZh: '结题日期', labelEn: 'Closing date', required: false, type: 'date', example: '' },
    { code: 'status', labelZh: '状态', labelEn: 'Status', required: false, type: 'enum', options: projectStatuses, example: 'active' },
  ],
};
