import { getTranslations } from 'next-intl/server';
import { riskLevel } from '@/domain/reference/risk-matrix';
import { levelCell } from './level-style';
import { MatrixRows, SCALE } from './matrix-rows';
import { RiskLegend } from './risk-grid';

/**
 * An assessment's dimensions placed on the 5×5 matrix, read only: each cell shows its score and colour,
 * and the numbers of the dimensions that sit in it (the table below the matrix carries the same numbers).
 */
export async function RiskMatrixView({ placed }: { placed: { n: number; label: string; likelihood: number; impact: number }[] }) {
  const t = await getTranslations();
  const words = (score: number) => {
    const level = riskLevel(score);
    return t('records.levelWords', { risk: t(`riskLevels.${level}`), colour: t(`levels.${level}`) });
  };
  return (
    <figure className="inline-block rounded-lg border border-gray-200 bg-white p-4" data-testid="risk-matrix">
      <figcaption className="mb-2 text-sm font-medium text-gray-800">{t('matrix.title')}</figcaption>
      <table className="border-separate border-spacing-1">
        <thead>
          <tr>
            <th scope="col" className="text-[11px] font-normal text-gray-500">
              {t('matrix.likelihoodAxis')} ↓ / {t('matrix.impactAxis')} →
            </th>
            {SCALE.map((i) => (
              <th key={i} scope="col" className="text-xs font-medium text-gray-600">
                {i}
              </th>
            ))}
          </tr>
        </thead>
        <MatrixRows
          cell={(l, i, score) => {
            const here = placed.filter((p) => p.likelihood === l && p.impact === i);
            return (
              <td
                key={i}
                className={`h-12 w-14 rounded align-top text-xs ${levelCell[riskLevel(score)]} ${here.length ? 'outline outline-[3px] outline-offset-1 outline-gray-900' : 'opacity-70'}`}
                title={`${t('matrix.cell', { likelihood: l, impact: i, score, level: words(score) })}${here.length ? ` — ${here.map((p) => p.label).join('、')}` : ''}`}
                data-cell={`${l}x${i}`}
              >
                <span className="block px-1 tabular-nums opacity-90">{score}</span>
                {here.length ? (
                  <span className="flex flex-wrap gap-0.5 px-1">
                    {here.map((p) => (
                      <span key={p.n} className="rounded-full bg-white px-1 text-[10px] font-bold leading-4 text-gray-900">
                        {p.n}
                      </span>
                    ))}
                  </span>
                ) : null}
              </td>
            );
          }}
        />
      </table>
      <div className="mt-3">
        <RiskLegend />
      </div>
    </figure>
  );
}
