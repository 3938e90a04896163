import { z } from 'zod';
import { inspectionKinds, inspections, inspectionStatuses } from '@/db/schema';
import { count, externalId, instant, longText, opt, shortText, unitCode } from '@/domain/records/schema-parts';
import type { KindDef } from '@/features/records/kinds/kind-def';

// Not in API.md's table; an extension it allows ("extend freely").
const schema = z.object({
  externalId,
  unitCode,
  kind: opt(z.enum(inspectionKinds)),
  inspectedAt: instant,
  inspector: opt(shortText),
  findings: opt(longText),
  hazardsFound: opt(count),
  projectExternalId: opt(externalId),
  status: opt(z.enum(inspectionStatuses)),
});

export const inspectionKind: KindDef<z.output<typeof schema>> = {
  kind: 'inspections',
  table: inspections,
  schema,
  plain: ['kind', 'inspectedAt', 'inspector', 'findings', 'hazardsFound', 'status'],
  project: 'optional',
  codes: {},
  defaults: () => ({ kind: 'supervision', hazardsFound: 0, status: 'done' }),
  fields: [
    { code: 'externalId', labelZh: '检查编号', labelEn: 'Inspection reference', required: true, type: 'string', example: 'INS-2025-01' },
    { code: 'unitCode', labelZh: '单位代码', labelEn: 'Unit code', required: true, type: 'string', example: 'BJ01' },
    { code: 'kind', labelZh: '检查类型', labelEn: 'Kind', required: false, type: 'enum', options: inspectionKinds, example: 'supervision' },
    { code: 'inspectedAt', labelZh: '检查日期', labelEn: 'Inspected on', required: true, type: 'date', example: '2025-06-10' },
    { code: 'inspector', labelZh: '检查人', labelEn: 'Inspector', required: false, type: 'string', example: '李四' },
    { code: 'findings', labelZh: '检查发现', labelEn: 'Findings', required: false, type: 'string', example: '未发现问题' },
    { code: 'hazardsFound', labelZh: '发现隐患数', labelEn: 'Hazards found', required: false, type: 'integer', example: '0' },
    { code: 'projectExternalId', labelZh: '关联项目编号', labelEn: 'Project reference', required: false, type: 'string', example: '' },
    { code: 'status', labelZh: '状态', labelEn: 'Status', required: false, type: 'enum', options: inspectionStatuses, example: 'done' },
  ],
};
