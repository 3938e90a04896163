'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { Field, FormAlert, inputClass } from '@/components/forms/field';
import { LevelBadge } from '@/components/level-badge';
import { overallRisk } from '@/domain/reference/risk-matrix';
import { FieldInput } from './field-input';
import type { ProjectChoice, UiField, UnitChoice } from './form-types';
import { SaveAndCancel, SaveRecordForm, useSaveRecord } from './save-record';
import { RiskGrid, RiskLegend } from './risk-grid';

export interface DimensionChoice {
  code: string;
  label: string;
  /** `output`: only at the output stage (publication, patents). */
  stage: 'all' | 'output';
}

const parts = ['riskPoints', 'consequences', 'measures'] as const;

/**
 * The CAS risk assessment form (科研项目安全风险评估表): for each dimension its risk points, consequences
 * and measures, and likelihood × impact on a 5×5 grid; the overall level (the worst dimension) live.
 */
export function AssessmentForm(props: {
  id?: number;
  fields: UiField[];
  dimensions: DimensionChoice[];
  initial: Record<string, string>;
  units: UnitChoice[];
  projects: ProjectChoice[];
  cancelHref: string;
  /** Submitted already: saving keeps it under review. */
  submitted: boolean;
  /** The assessment is sealed: the form proposes a correction instead of saving (decision 023). */
  propose?: boolean;
}) {
  const t = useTranslations('recordForms');
  const { form, save } = useSaveRecord('assessments', props.initial);
  return (
    <SaveRecordForm
      formRef={form}
      save={save}
      kind="assessments"
      id={props.id}
      testId="assessment-form"
      className="space-y-6"
      shown={(k) =>
        k === 'dimensions' || k.startsWith('dim.') || (props.propose && k === 'reason') || props.fields.some((f) => f.code === k)
      }
      propose={props.propose}
      buttons={
        <div className="flex flex-wrap items-center gap-3 border-t border-gray-200 pt-4">
          {props.submitted || props.propose ? null : (
            <button
              type="submit"
              name="intent"
              value="draft"
              disabled={save.pending}
              className="rounded-md border border-gray-300 bg-white px-4 py-2 text-sm font-medium text-gray-800 hover:bg-gray-100 disabled:opacity-60"
            >
              {t('saveDraft')}
            </button>
          )}
          <SaveAndCancel
            pending={save.pending}
            intent="submit"
            label={props.propose ? t('proposeCorrection') : props.submitted ? t('save') : t('saveAndSubmit')}
            cancelHref={props.cancelHref}
          />
          <p className="w-full text-xs text-gray-500">{t('submitHint')}</p>
        </div>
      }
    >
      <AssessmentBody {...props} values={save.values} errors={save.errors} />
    </SaveRecordForm>
  );
}

function AssessmentBody({
  fields,
  dimensions,
  units,
  projects,
  values,
  errors,
}: {
  fields: UiField[];
  dimensions: DimensionChoice[];
  units: UnitChoice[];
  projects: ProjectChoice[];
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  const t = useTranslations('recordForms');
  const [unitCode, setUnitCode] = useState(values.unitCode ?? '');
  const [stage, setStage] = useState(values.stage ?? '');
  const score = (v: string | undefined) => (v && /^[1-5]$/.test(v) ? Number(v) : null);
  const [cells, setCells] = useState<Record<string, { likelihood: number | null; impact: number | null }>>(() =>
    Object.fromEntries(
      dimensions.map((d) => [
        d.code,
        { likelihood: score(values[`dim.${d.code}.likelihood`]), impact: score(values[`dim.${d.code}.impact`]) },
      ]),
    ),
  );
  const shown = dimensions.filter((d) => d.stage === 'all' || stage === 'output');
  const picked = shown.flatMap((d) => {
    const c = cells[d.code];
    return c?.likelihood && c.impact ? [{ code: d.code, likelihood: c.likelihood, impact: c.impact }] : [];
  });
  const overall = overallRisk(picked);
  const worst = overall ? shown.filter((d) => picked.some((p) => p.code === d.code && p.likelihood * p.impact === overall.score)) : [];
  const instituteId = units.find((u) => u.code === unitCode)?.instituteId ?? null;

  return (
    <>
      <div
        className="grid gap-4 sm:grid-cols-2"
        onChange={(e) => {
          const target = e.target as unknown as HTMLSelectElement;
          if (target.name === 'unitCode') setUnitCode(target.value);
          if (target.name === 'stage') setStage(target.value);
        }}
      >
        {fields.map((f) => (
          <FieldInput
            key={f.code}
            field={f}
            value={values[f.code]}
            error={errors[f.code]}
            units={units}
            projects={projects}
            instituteId={instituteId}
          />
        ))}
      </div>

      <section aria-labelledby="dims-heading" className="space-y-4">
        <LiveOverall overall={overall} worst={worst.map((d) => d.label)} />
        {errors.dimensions ? <FormAlert ok={false}>{errors.dimensions}</FormAlert> : null}
        <p className="text-sm text-gray-600">{t('dimensionsHint')}</p>
        {shown.map((d) => (
          <DimensionFieldset
            key={d.code}
            dimension={d}
            cell={cells[d.code] ?? { likelihood: null, impact: null }}
            values={values}
            errors={errors}
            onPick={(likelihood, impact) => setCells((all) => ({ ...all, [d.code]: { likelihood, impact } }))}
          />
        ))}
      </section>
    </>
  );
}

/** The overall level as the reporter picks cells, with the dimensions that make it, and the bands. */
function LiveOverall({ overall, worst }: { overall: ReturnType<typeof overallRisk>; worst: string[] }) {
  const tAll = useTranslations();
  const t = useTranslations('recordForms');
  return (
    <div className="sticky top-0 z-20 flex flex-wrap items-center justify-between gap-3 rounded-md border border-gray-200 bg-white px-4 py-3 shadow-sm">
      <h2 id="dims-heading" className="text-lg font-semibold">
        {tAll('records.dimensions')}
      </h2>
      <p className="text-sm" data-testid="live-overall" aria-live="polite">
        {tAll('records.overall')}
        {t('colon')}
        {overall ? (
          <>
            <LevelBadge
              level={overall.level}
              label={tAll('records.levelWords', { risk: tAll(`riskLevels.${overall.level}`), colour: tAll(`levels.${overall.level}`) })}
              detail={`R=${overall.score}`}
            />{' '}
            <span className="text-xs text-gray-600">{t('worstDimension', { dimensions: worst.join('、') })}</span>
          </>
        ) : (
          <span className="text-gray-500">{t('noCellsYet')}</span>
        )}
      </p>
      <div className="w-full">
        <RiskLegend />
      </div>
    </div>
  );
}

type Cell = { likelihood: number | null; impact: number | null };

/** One dimension: its 5×5 picker and what the assessment says about its risk. */
function DimensionFieldset({
  dimension: d,
  cell: c,
  values,
  errors,
  onPick,
}: {
  dimension: DimensionChoice;
  cell: Cell;
  values: Record<string, string>;
  errors: Record<string, string>;
  onPick: (likelihood: number | null, impact: number | null) => void;
}) {
  const t = useTranslations('recordForms');
  const name = `dim.${d.code}`;
  return (
    <fieldset className="rounded-lg border border-gray-200 bg-white p-4" data-dimension={d.code}>
      <legend className="px-1 font-medium text-gray-900">
        {d.label}
        {d.stage === 'output' ? <span className="ml-2 text-xs font-normal text-gray-500">{t('outputStageOnly')}</span> : null}
      </legend>
      <div className="grid gap-4 lg:grid-cols-[17rem_1fr]">
        <RiskGrid
          name={name}
          label={d.label}
          likelihood={c.likelihood}
          impact={c.impact}
          error={errors[`${name}.likelihood`] ?? errors[`${name}.impact`]}
          onPick={onPick}
        />
        <div className="grid gap-3">
          {parts.map((p) => (
            <Field key={p} id={`${name}.${p}`} label={t(`dimension.${p}`)} error={errors[`${name}.${p}`]}>
              <textarea
                id={`${name}.${p}`}
                name={`${name}.${p}`}
                rows={2}
                defaultValue={values[`${name}.${p}`]}
                className={inputClass}
                aria-invalid={Boolean(errors[`${name}.${p}`])}
              />
            </Field>
          ))}
        </div>
      </div>
    </fieldset>
  );
}
