import type { RecordKind } from '@/db/records/record-kinds';
import type { BaseInput, KindDef } from '@/features/records/kinds/kind-def';
import { assessmentKind } from '@/features/records/kinds/assessments';
import { ethicsActivityKind, ethicsAnnualReportKind, ethicsCommitteeKind } from '@/features/records/kinds/ethics';
import { hazardKind } from '@/features/records/kinds/hazards';
import { incidentKind } from '@/features/records/kinds/incidents';
import { inspectionKind } from '@/features/records/kinds/inspections';
import { projectKind } from '@/features/records/kinds/projects';

/** Every record kind units submit, by its registry code (also its API collection, `ethics-x` = `ethics/x`). */
export const kindDefs: Record<RecordKind, KindDef<BaseInput>> = {
  projects: projectKind as unknown as KindDef<BaseInput>,
  assessments: assessmentKind as unknown as KindDef<BaseInput>,
  hazards: hazardKind as unknown as KindDef<BaseInput>,
  incidents: incidentKind as unknown as KindDef<BaseInput>,
  inspections: inspectionKind as unknown as KindDef<BaseInput>,
  'ethics-committees': ethicsCommitteeKind as unknown as KindDef<BaseInput>,
  'ethics-activities': ethicsActivityKind as unknown as KindDef<BaseInput>,
  'ethics-annual-reports': ethicsAnnualReportKind as unknown as KindDef<BaseInput>,
};
