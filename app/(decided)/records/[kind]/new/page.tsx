import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { filingUnits } from '@/db/records/read';
import { isRecordKind, type RecordKind } from '@/db/records/record-kinds';
import { requireActor } from '@/server/auth/current-actor';
import { recordKindOrNotFound, type RecordKindPageProps } from '@/server/pages/record-kind-page';
import { canSubmitRecords } from '@/domain/auth/roles';
import { nowText } from '@/features/records/form-spec';
import { recordFormChoices } from '@/features/records/views/form-choices';
import { formatDate } from '@/domain/time/shanghai';
import { PageHeader } from '@/components/page-header';
import { Refusal } from '@/components/refusal';
import { scopeText } from '@/components/scope-text';
import { FormForKind } from '@/components/records/form-for-kind';

export async function generateMetadata({ params }: { params: Promise<{ kind: string }> }) {
  const { kind } = await params;
  const t = await getTranslations();
  return { title: isRecordKind(kind) ? t('recordForms.newTitle', { kind: t(`kindOne.${kind}`) }) : undefined };
}

export default async function NewRecordPage({ params, searchParams }: RecordKindPageProps) {
  const actor = await requireActor();
  const kind = await recordKindOrNotFound(params);
  const t = await getTranslations();
  if (!canSubmitRecords(actor.role)) {
    return (
      <Refusal testId="refusal" title={t('recordForms.readOnlyTitle')} body={t('validation.readOnlyRole')} homeLabel={t('refusal.home')} />
    );
  }
  const db = getDb();
  const [units, choices] = await Promise.all([filingUnits(db, actor.scope), recordFormChoices(db, actor.scope)]);
  const query = await searchParams;
  const one = (k: string) => (typeof query[k] === 'string' ? (query[k] as string) : undefined);
  // Prefilled: the user's own unit when records may be filed there, today's dates, and a project passed
  // from its page ("new assessment of this project").
  const project = choices.projects.find((p) => String(p.id) === one('project'));
  const ownUnit = units.find((u) => u.id === actor.unitId)?.code ?? (units.length === 1 ? units[0]!.code : '');
  const projectUnit = project ? units.find((u) => u.instituteId === project.instituteId && u.id === project.instituteId)?.code : undefined;
  const now = new Date();
  const today = formatDate(now);
  const defaults: Record<RecordKind, Record<string, string>> = {
    projects: {},
    assessments: { stage: 'initiation' },
    hazards: { foundAt: today, source: 'self_inspection', severity: 'general' },
    incidents: { reportedAt: nowText(now), tier: '4', deaths: '0', seriousInjuries: '0', directLossCny: '0' },
    inspections: { inspectedAt: today, status: 'done', kind: 'supervision', hazardsFound: '0' },
    'ethics-committees': {},
    'ethics-activities': {},
    'ethics-annual-reports': { year: String(Number(today.slice(0, 4)) - 1), submittedAt: today },
  };
  const initial = {
    unitCode: projectUnit ?? ownUnit,
    ...(project ? { projectExternalId: project.externalId } : {}),
    ...defaults[kind],
  };
  return (
    <div className="max-w-5xl">
      <Link href={`/records/${kind}`} className="text-sm text-blue-700 hover:underline">
        ← {t('records.back')}
      </Link>
      <PageHeader title={t('recordForms.newTitle', { kind: t(`kindOne.${kind}`) })} subtitle={await scopeText(actor)} />
      {units.length === 0 ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">{t('recordForms.noFilingUnits')}</p>
      ) : (
        <div className="rounded-lg border border-gray-200 bg-white p-6">
          <FormForKind kind={kind} initial={initial} units={units} {...choices} cancelHref={`/records/${kind}`} />
        </div>
      )}
    </div>
  );
}
