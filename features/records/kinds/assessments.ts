import { z } from 'zod';
import { assessments, assessmentStages, assessmentStatuses } from '@/db/schema';
import { code, externalId, instant, longText, opt, score, unitCode } from '@/domain/records/schema-parts';
import type { KindDef } from '@/features/records/kinds/kind-def';

export const dimensionInput = z.object({
  dimension: code,
  likelihood: score,
  impact: score,
  riskPoints: opt(longText),
  consequences: opt(longText),
  measures: opt(longText),
});

const schema = z.object({
  externalId,
  unitCode,
  projectExternalId: externalId,
  stage: z.enum(assessmentStages),
  dimensions: z
    .array(dimensionInput)
    .min(1)
    .max(20)
    .describe(
      'One entry per risk dimension, each at most once. A draft may list only some; from submitted on, all seven CAS dimensions (chokepoint, loss, regulatory, data, ethics, opinion, secrecy) are required. publication and patent only at the output stage. (decision 029)',
    ),
  submittedAt: opt(instant),
  status: z.enum(assessmentStatuses),
  decidedAt: opt(instant),
  reviewComment: opt(longText),
});

export type AssessmentInput = z.output<typeof schema>;

export const assessmentKind: KindDef<AssessmentInput> = {
  kind: 'assessments',
  table: assessments,
  schema,
  plain: ['stage', 'status', 'submittedAt', 'decidedAt', 'reviewComment'],
  project: 'required',
  codes: {},
  defaults: () => ({}),
  check: (input, refs) => {
    const out: { field: string; key: string; params?: Record<string, string | number> }[] = [];
    const seen = new Set<string>();
    input.dimensions.forEach((d, i) => {
      const stage = refs.dimensions.get(d.dimension);
      if (!stage) out.push({ field: `dimensions.${i}.dimension`, key: 'validation.unknownCode', params: { code: d.dimension } });
      else if (stage === 'output' && input.stage !== 'output')
        out.push({ field: `dimensions.${i}.dimension`, key: 'validation.outputOnly' });
      if (seen.has(d.dimension))
        out.push({ field: `dimensions.${i}.dimension`, key: 'validation.duplicate', params: { code: d.dimension } });
      seen.add(d.dimension);
    });
    // A submitted assessment covers every CAS dimension; a draft may be partial.
    if (input.status !== 'draft') {
      const missing = [...refs.dimensions].filter(([c, stage]) => stage === 'all' && !seen.has(c)).map(([c]) => c);
      if (missing.length) out.push({ field: 'dimensions', key: 'validation.missingDimensions', params: { codes: missing.join(', ') } });
    }
    if ((input.status === 'approved' || input.status === 'rejected') && !input.decidedAt)
      out.push({ field: 'decidedAt', key: 'validation.decisionNeedsDate' });
    return out;
  },
  fields: [
    { code: 'externalId', labelZh: '评估编号', labelEn: 'Assessment reference', required: true, type: 'string', example: 'ASM-2025-001' },
    { code: 'unitCode', labelZh: '单位代码', labelEn: 'Unit code', required: true, type: 'string', example: 'BJ01' },
    {
      code: 'projectExternalId',
      labelZh: '项目编号',
      labelEn: 'Project reference',
      required: true,
      type: 'string',
      example: 'PRJ-2025-001',
    },
    {
      code: 'stage',
      labelZh: '评估阶段',
      labelEn: 'Stage',
      required: true,
      type: 'enum',
      options: assessmentStages,
      example: 'initiation',
    },
    { code: 'status', labelZh: '状态', labelEn: 'Status', required: true, type: 'enum', options: assessmentStatuses, example: 'submitted' },
    { code: 'submittedAt', labelZh: '提交日期', labelEn: 'Submitted on', required: false, type: 'date', example: '2025-02-20' },
    { code: 'decidedAt', labelZh: '审核日期', labelEn: 'Decided on', required: false, type: 'date', example: '' },
    { code: 'reviewComment', labelZh: '审核意见', labelEn: 'Review comment', required: false, type: 'string', example: '' },
    {
      code: 'dimension',
      labelZh: '风险维度',
      labelEn: 'Risk dimension',
      required: true,
      type: 'enum',
      example: 'data',
      note: '每个维度一行，同一评估编号的多行合为一份评估 / one row per dimension; rows with the same reference form one assessment',
    },
    {
      code: 'likelihood',
      labelZh: '可能性(1-5)',
      labelEn: 'Likelihood (1-5)',
      required: true,
      type: 'enum',
      options: ['1', '2', '3', '4', '5'],
      example: '2',
    },
    {
      code: 'impact',
      labelZh: '影响程度(1-5)',
      labelEn: 'Impact (1-5)',
      required: true,
      type: 'enum',
      options: ['1', '2', '3', '4', '5'],
      example: '3',
    },
    { code: 'riskPoints', labelZh: '风险点', labelEn: 'Risk points', required: false, type: 'string', example: '训练数据含个人信息' },
    { code: 'consequences', labelZh: '后果和影响', labelEn: 'Consequences', required: false, type: 'string', example: '个人信息泄露' },
    { code: 'measures', labelZh: '防范措施', labelEn: 'Measures', required: false, type: 'string', example: '数据脱敏与访问控制' },
  ],
};
