import { getTranslations } from 'next-intl/server';
import { DataTable } from '@/components/data-table';
import { LevelBadge } from '@/components/level-badge';
import type { Level } from '@/domain/reference/level-codes';
import { riskLevel } from '@/domain/reference/risk-matrix';
import type { AssessedDimension } from '@/domain/records/views';
import { RiskMatrixView } from './risk-matrix-view';

type Stored = AssessedDimension & { id: number };

/** A level as words: "高风险（橙）". */
export async function levelWordsOf() {
  const t = await getTranslations();
  return (level: Level) => t('records.levelWords', { risk: t(`riskLevels.${level}`), colour: t(`levels.${level}`) });
}

/** An assessment's dimensions on the 5×5 matrix and in a table, in the reference order, numbered alike. */
export async function AssessmentDimensions({
  dims,
  reference,
}: {
  dims: Stored[];
  /** Every dimension in reference order, named in the reader's language. */
  reference: { code: string; label: string }[];
}) {
  const t = await getTranslations();
  const levelWords = await levelWordsOf();
  const numbered = reference
    .map((ref) => ({ ref, d: dims.find((d) => d.dimension === ref.code) }))
    .filter((x): x is { ref: (typeof reference)[number]; d: Stored } => Boolean(x.d))
    .map(({ ref, d }, i) => ({ ...d, n: i + 1, label: ref.label }));
  return (
    <section className="mt-6 space-y-4">
      <h2 className="text-lg font-semibold">{t('records.dimensions')}</h2>
      {numbered.length === 0 ? (
        <p className="text-sm text-gray-500">{t('recordWorkflow.noDimensions')}</p>
      ) : (
        <>
          <RiskMatrixView placed={numbered.map((d) => ({ n: d.n, label: d.label, likelihood: d.likelihood, impact: d.impact }))} />
          <DataTable
            testId="assessment-dimensions"
            columns={[
              { label: '#' },
              { label: t('fields.dimension') },
              { label: t('records.likelihood'), align: 'right' },
              { label: t('records.impact'), align: 'right' },
              { label: t('records.score'), align: 'right' },
              { label: t('records.level') },
              { label: t('recordForms.dimension.riskPoints') },
              { label: t('recordForms.dimension.consequences') },
              { label: t('records.measures') },
            ]}
          >
            {numbered.map((d) => (
              <tr key={d.id} className="border-t border-gray-100 align-top">
                <td className="px-4 py-2 font-bold tabular-nums">{d.n}</td>
                <td className="px-4 py-2">{d.label}</td>
                <td className="px-4 py-2 text-right tabular-nums">{d.likelihood}</td>
                <td className="px-4 py-2 text-right tabular-nums">{d.impact}</td>
                <td className="px-4 py-2 text-right font-semibold tabular-nums">{d.likelihood * d.impact}</td>
                <td className="px-4 py-2">
                  <LevelBadge level={riskLevel(d.likelihood * d.impact)} label={levelWords(riskLevel(d.likelihood * d.impact))} />
                </td>
                <td className="px-4 py-2">{d.riskPoints}</td>
                <td className="px-4 py-2">{d.consequences}</td>
                <td className="px-4 py-2">{d.measures}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </section>
  );
}
