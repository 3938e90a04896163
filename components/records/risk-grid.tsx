'use client';

import { useTranslations } from 'next-intl';
import { defaultRiskBands, riskLevel } from '@/domain/reference/risk-matrix';
import { levelCell } from './level-style';
import { MatrixRows, SCALE } from './matrix-rows';

/**
 * The 5×5 likelihood × impact picker of one risk dimension (R = L × I). Every cell shows its score and
 * band colour; the chosen one is marked with a tick and a thick outline, not by colour alone, and is
 * announced in words. The values travel in hidden inputs named `<name>.likelihood` and `<name>.impact`.
 */
export function RiskGrid({
  name,
  label,
  likelihood,
  impact,
  onPick,
  error,
}: {
  name: string;
  label: string;
  likelihood: number | null;
  impact: number | null;
  onPick: (likelihood: number | null, impact: number | null) => void;
  error?: string;
}) {
  const t = useTranslations();
  const chosen = likelihood && impact ? likelihood * impact : null;
  const words = (score: number) => {
    const level = riskLevel(score);
    return t('records.levelWords', { risk: t(`riskLevels.${level}`), colour: t(`levels.${level}`) });
  };
  return (
    <div>
      <input type="hidden" name={`${name}.likelihood`} value={likelihood ?? ''} />
      <input type="hidden" name={`${name}.impact`} value={impact ?? ''} />
      <div
        role="radiogroup"
        aria-label={t('matrix.gridLabel', { dimension: label })}
        aria-invalid={Boolean(error)}
        className="inline-block"
      >
        <div className="flex items-end">
          <span className="w-14" />
          <span className="flex-1 text-center text-[11px] text-gray-500">{t('matrix.impactAxis')} →</span>
        </div>
        <table className="border-separate border-spacing-0.5">
          <thead>
            <tr>
              <th scope="col" className="w-14 text-[11px] font-normal text-gray-500">
                {t('matrix.likelihoodAxis')} ↓
              </th>
              {SCALE.map((i) => (
                <th key={i} scope="col" className="w-9 text-xs font-medium text-gray-600">
                  {i}
                </th>
              ))}
            </tr>
          </thead>
          <MatrixRows
            cell={(l, i, score) => (
              <td key={i} className="p-0">
                <GridCell likelihood={l} impact={i} selected={likelihood === l && impact === i} words={words(score)} onPick={onPick} />
              </td>
            )}
          />
        </table>
      </div>
      <ChoiceLine name={name} likelihood={likelihood} impact={impact} words={chosen ? words(chosen) : ''} onPick={onPick} />
      {error ? (
        <p className="mt-1 text-sm text-red-700" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The bands in words and colour, under every matrix. */
export function RiskLegend() {
  const t = useTranslations();
  const bands = defaultRiskBands.map((b) => ({ level: b.level, range: `${b.min}–${b.max}` }));
  return (
    <ul className="flex flex-wrap gap-3 text-xs" aria-label={t('matrix.legend')}>
      {bands.map((b) => (
        <li key={b.level} className="flex items-center gap-1">
          <span className={`inline-block rounded px-1.5 py-0.5 ${levelCell[b.level]}`}>{b.range}</span>
          {t('records.levelWords', { risk: t(`riskLevels.${b.level}`), colour: t(`levels.${b.level}`) })}
        </li>
      ))}
    </ul>
  );
}

/** One cell of the picker: its score in its band colour; the chosen one ticked and outlined. */
function GridCell({
  likelihood: l,
  impact: i,
  selected,
  words,
  onPick,
}: {
  likelihood: number;
  impact: number;
  selected: boolean;
  words: string;
  onPick: (likelihood: number | null, impact: number | null) => void;
}) {
  const t = useTranslations();
  const score = l * i;
  return (
    <button
      type="button"
      role="radio"
      aria-checked={selected}
      aria-label={t('matrix.cell', { likelihood: l, impact: i, score, level: words })}
      title={t('matrix.cell', { likelihood: l, impact: i, score, level: words })}
      onClick={() => onPick(l, i)}
      className={`h-8 w-9 rounded text-xs tabular-nums ${levelCell[riskLevel(score)]} ${
        selected
          ? 'relative z-10 scale-110 font-bold shadow-md outline outline-[3px] outline-offset-1 outline-gray-900'
          : 'opacity-80 hover:opacity-100'
      }`}
      data-cell={`${l}x${i}`}
    >
      {selected ? `✓${score}` : score}
    </button>
  );
}

/** The choice in words under the picker, with a way to clear it. */
function ChoiceLine({
  name,
  likelihood,
  impact,
  words,
  onPick,
}: {
  name: string;
  likelihood: number | null;
  impact: number | null;
  words: string;
  onPick: (likelihood: number | null, impact: number | null) => void;
}) {
  const t = useTranslations();
  const chosen = likelihood && impact ? likelihood * impact : null;
  return (
    <p className="mt-1 text-xs text-gray-700" data-testid={`${name}-choice`}>
      {chosen ? (
        <>
          {t('matrix.chosen', { likelihood: likelihood!, impact: impact!, score: chosen })} <strong>{words}</strong>{' '}
          <button type="button" className="ml-1 text-blue-700 underline" onClick={() => onPick(null, null)}>
            {t('matrix.clear')}
          </button>
        </>
      ) : (
        <span className="text-gray-500">{t('matrix.notChosen')}</span>
      )}
    </p>
  );
}
