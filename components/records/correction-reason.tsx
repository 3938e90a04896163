'use client';

import { useTranslations } from 'next-intl';
import { Field, inputClass } from '@/components/forms/field';

/**
 * What turns a record form into a correction proposal (decision 023): the reason, which the reviewer
 * reads, and the marker that sends the form to proposeCorrection instead of saving.
 */
export function CorrectionReason({ value, error }: { value?: string; error?: string }) {
  const t = useTranslations('recordForms');
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 p-4" data-testid="correction-reason">
      <input type="hidden" name="propose" value="1" />
      <p className="mb-3 text-sm text-amber-900">{t('correctionHint')}</p>
      <Field id="correctionReason" label={`${t('correctionReason')} *`} error={error}>
        <textarea
          id="correctionReason"
          name="correctionReason"
          rows={3}
          defaultValue={value}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? 'correctionReason-error' : undefined}
          className={inputClass}
        />
      </Field>
    </div>
  );
}
