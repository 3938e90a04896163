import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ProjectLine } from '@/domain/dashboards/types';
import { recordsHref } from '@/domain/dashboards/drill';
import { overallRiskLevel } from '@/domain/reference/risk-matrix';
import { formatDate } from '@/domain/time/shanghai';
import { DataTable } from '@/components/data-table';
import { LevelBadge } from '@/components/level-badge';
import { ExportXlsxLink } from '@/components/export/export-xlsx-link';
import { DateCell, RefCell, StatusCell } from '@/components/dashboards/record-cells';
import { EmptyNote, SectionHead, ShowAll } from '@/components/dashboards/section-parts';

/** The unit's live projects, newest first, each with the risk level of its latest assessment. */
export async function UnitProjects({
  unitCode,
  projects,
  domainNames,
}: {
  unitCode: string;
  projects: { rows: ProjectLine[]; total: number };
  domainNames: Map<string, string>;
}) {
  const t = await getTranslations();
  return (
    <section aria-labelledby="projects-heading" className="space-y-2">
      <SectionHead id="projects-heading" title={t('unitPage.projects')} hint={t('unitPage.projectsHint')}>
        <ExportXlsxLink table="unit-projects" params={{ unit: unitCode }} />
      </SectionHead>
      {projects.total === 0 ? (
        <EmptyNote text={t('unitPage.noProjects')} testId="no-projects" />
      ) : (
        <>
          <DataTable
            compact
            testId="unit-projects"
            columns={[
              { label: t('domains.reference') },
              { label: t('unitPage.projectTitle') },
              { label: t('records.domain') },
              { label: t('unitPage.started') },
              { label: t('domains.status') },
              { label: t('unitPage.assessmentLevel') },
            ]}
          >
            {projects.rows.map((p) => (
              <tr key={p.id} className="border-t border-gray-100" data-level={overallRiskLevel(p.assessment?.score ?? null) ?? ''}>
                <RefCell href={`/records/projects/${p.id}`} text={p.externalId} />
                <td className="max-w-xs truncate px-3 py-2" title={p.title}>
                  {p.title}
                </td>
                <td className="px-3 py-2">{domainNames.get(p.domain) ?? p.domain}</td>
                <DateCell text={formatDate(p.startedAt) || '—'} />
                <StatusCell status={p.status} label={t(`status.${p.status}` as 'status.open')} />
                <td className="px-3 py-2 text-xs">
                  <AssessmentLevel assessment={p.assessment} />
                </td>
              </tr>
            ))}
          </DataTable>
          <ShowAll
            shown={projects.rows.length}
            total={projects.total}
            href={recordsHref('projects', { unit: unitCode, state: 'current' })}
          />
        </>
      )}
    </section>
  );
}

/** The latest assessment's level (or that it has none yet), linking to the assessment. */
async function AssessmentLevel({ assessment }: { assessment: ProjectLine['assessment'] }) {
  const t = await getTranslations();
  if (!assessment) return <span className="text-amber-800">{t('unitPage.noAssessment')}</span>;
  const level = overallRiskLevel(assessment.score);
  return (
    <span className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
      {level ? <LevelBadge level={level} label={t(`levels.${level}`)} /> : <span>{t('unitPage.noLevel')}</span>}
      <Link href={`/records/assessments/${assessment.id}`} className="text-blue-700 hover:underline">
        {t(`stages.${assessment.stage}` as 'stages.initiation')} · {t(`status.${assessment.status}` as 'status.open')}
      </Link>
    </span>
  );
}
