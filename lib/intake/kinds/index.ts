import type { RecordKind } from '@/db/queries/record-kinds';
import type { BaseInput, KindDef } from '../kind-def';
import { assessmentKind } from './assessments';
import { ethicsActivityKind, ethicsAnnualReportKind, ethicsCommitteeKind } from './ethics';
import { hazardKind } from './hazards';
import { incidentKind } from './incidents';
import { inspectionKind } from './inspections';
import { projectKind } from './projects';

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
