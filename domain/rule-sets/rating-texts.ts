import type { Locale } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';
import type { Level } from '@/domain/reference/level-codes';
import { CAS_2019_V1 } from '@/domain/rating/default-rule-set';
import { ratingRuleSetSchema, type RatingRuleSet } from '@/domain/rating/rule-set';
import { fieldNamedSchema, formValues, leafValue, NONE, setAt, valueAt, type FormFieldView, type FormIssue } from './form-kit';

// The rule set in plain language (RATING.md: "transparent, explainable"), and the flat form an office edits
// it in. The sentences follow the schema's sections; every number comes from the version shown, so two
// versions read side by side differ exactly where their numbers do.

export interface RuleSetSection {
  key: 'incidents' | 'hazards' | 'controls' | 'ethics' | 'levels';
  title: string;
  lines: string[];
}

const n = (value: number) => value.toLocaleString('en-US');
const tiers = ['I', 'II', 'III', 'IV'] as const;

export function ruleSetText(rules: RatingRuleSet, locale: Locale): RuleSetSection[] {
  const t = (key: string, params: Record<string, string | number> = {}) => translate(locale, `ruleText.${key}`, params);
  const level = (l: Level) => translate(locale, `explain.level.${l}`);
  const withFloor = (text: string, floor: Level | null) => (floor ? t('withFloor', { text, floor: level(floor) }) : text);
  const { incidents, hazards, controls, ethics, levelThresholds: lt, floors } = rules;
  const tierFloor = { I: floors['incident.tier1'], II: floors['incident.tier2'], III: floors['incident.tier3'], IV: null };

  const incidentLines = [
    ...tiers.map((tier, i) =>
      withFloor(
        t('tierPoints', { rule: translate(locale, `ratingRules.incident.tier${i + 1}`), points: n(incidents.tierPoints[tier]) }),
        tierFloor[tier],
      ),
    ),
    ...(['I', 'II', 'III'] as const).map((tier, i) =>
      t('tierThreshold', {
        tier: t(`tierName.${i + 1}`),
        deaths: n(incidents.tierThresholds[tier].deaths),
        injuries: n(incidents.tierThresholds[tier].seriousInjuries),
        loss: n(incidents.tierThresholds[tier].directLossCny),
      }),
    ),
    t('effectiveTier'),
    t('deadlines', {
      I: n(incidents.reportDeadlineHours.I),
      II: n(incidents.reportDeadlineHours.II),
      III: n(incidents.reportDeadlineHours.III),
      IV: n(incidents.reportDeadlineHours.IV),
      points: n(incidents.latePoints),
    }),
    withFloor(t('concealed', { points: n(incidents.concealedPoints) }), floors['incident.concealed']),
  ];
  const hazardLines = [
    t('hazardFound', { general: n(hazards.foundPoints.general), major: n(hazards.foundPoints.major) }),
    t('hazardOverdue', { general: n(hazards.overduePoints.general), major: n(hazards.overduePoints.major) }),
    ...(floors['hazard.major_overdue_90d']
      ? [t('hazardLongOverdue', { days: n(hazards.majorOverdueFloorDays), floor: level(floors['hazard.major_overdue_90d']) })]
      : []),
  ];
  const controlLines = [
    withFloor(t('unassessed', { points: n(controls.unassessedStartPoints) }), floors['control.unassessed_start']),
    withFloor(t('unpermitted', { points: n(controls.unpermittedStartPoints) }), floors['control.unpermitted_start']),
    t('unfiled', { points: n(controls.unfiledStartPoints) }),
  ];
  const ethicsLines = [
    t('registration', {
      committee: n(ethics.committeeRegistrationDays),
      activity: n(ethics.activityRegistrationDays),
      points: n(ethics.lateRegistrationPoints),
    }),
    t('annualReport', { date: monthDay(ethics.annualReportDue, locale), points: n(ethics.lateAnnualReportPoints) }),
  ];
  const levelLines = [
    t('byPoints', {
      blue: level('blue'),
      yellow: level('yellow'),
      orange: level('orange'),
      red: level('red'),
      blueMax: n(lt.yellow - 1),
      yellowMin: n(lt.yellow),
      yellowMax: n(lt.orange - 1),
      orangeMin: n(lt.orange),
      orangeMax: n(lt.red - 1),
      redMin: n(lt.red),
    }),
    t('worseOf'),
  ];
  return [
    { key: 'incidents', title: t('sections.incidents'), lines: incidentLines },
    { key: 'hazards', title: t('sections.hazards'), lines: hazardLines },
    { key: 'controls', title: t('sections.controls'), lines: controlLines },
    { key: 'ethics', title: t('sections.ethics'), lines: ethicsLines },
    { key: 'levels', title: t('sections.levels'), lines: levelLines },
  ];
}

/** "4 月 1 日" / "1 April": a yearly date without its year. */
function monthDay({ month, day }: { month: number; day: number }, locale: Locale): string {
  if (locale === 'zh-CN') return `${month} 月 ${day} 日`;
  return new Date(Date.UTC(2001, month - 1, day)).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' });
}

// ---------------------------------------------------------------------------------------------------------
// The edit form: one input per number (and one choice per floor), named by its path in the rule set.

export interface RuleSetField {
  /** Dotted path in the rule set, e.g. "incidents.tierPoints.III"; also the input's name. */
  path: string;
  /** The keys of the path (a floor's key has dots of its own: ["floors", "incident.tier1"]). */
  keys: readonly string[];
  /** A number, or a floor (a level or none). */
  kind: 'number' | 'levelOrNone';
  /** The top-level section it belongs to, for grouping. */
  section: string;
}

/** Every editable leaf of a rule set, in the schema's order (the default version has every field). */
export const ruleSetFields: readonly RuleSetField[] = (() => {
  const out: RuleSetField[] = [];
  const walk = (node: unknown, path: string[]) => {
    if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
      return;
    }
    if (path[0] === 'version') return;
    out.push({ path: path.join('.'), keys: path, kind: path[0] === 'floors' ? 'levelOrNone' : 'number', section: path[0]! });
  };
  walk(CAS_2019_V1, []);
  return out;
})();

/** The label of a field in the reader's language. */
export function fieldLabel(path: string, locale: Locale): string {
  return translate(locale, `ruleFields.${path}`);
}

/** The floor choice that means "no floor". */
export const NO_FLOOR = NONE;

const formFields = ruleSetFields.map((f) => ({ name: f.path, keys: f.keys }));

/** A rule set as the form's values: path → text. */
export function ruleSetFormValues(rules: RatingRuleSet): Record<string, string> {
  return formValues(rules, formFields);
}

/** The edit form's sections: the schema's, with the level thresholds and the floors apart. */
export const ruleSetFormSections = ['incidents', 'hazards', 'controls', 'ethics', 'levelThresholds', 'floors'] as const;

/** The form's fields and sections in the reader's language. */
export function ruleSetFormView(locale: Locale): { fields: FormFieldView[]; groups: { key: string; title: string }[] } {
  const title = (key: (typeof ruleSetFormSections)[number]) =>
    key === 'levelThresholds'
      ? translate(locale, 'ruleText.sections.levels')
      : key === 'floors'
        ? translate(locale, 'ratings.floors')
        : translate(locale, `ruleText.sections.${key}`);
  return {
    fields: ruleSetFields.map((f) => ({ name: f.path, kind: f.kind, group: f.section, label: fieldLabel(f.path, locale) })),
    groups: ruleSetFormSections.map((key) => ({ key, title: title(key) })),
  };
}

const fieldKinds = new Map(ruleSetFields.map((f) => [f.path, f.kind]));
const fieldKeys = new Map(ruleSetFields.map((f) => [f.path, f.keys]));
const wholeNumber = /^-?\d+$/;

/** Flat form values to a rule-set body: whole numbers become numbers, "none" a null floor, blanks missing. */
export function ruleSetBodyFromForm(raw: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    // The version is text; an unknown field stays in as sent, so the strict schema refuses it rather than ignoring it.
    const kind = key === 'version' ? 'level' : fieldKinds.get(key);
    setAt(body, fieldKeys.get(key) ?? [key], kind ? leafValue(kind, value, wholeNumber) : value);
  }
  return body;
}

/**
 * The form schema for an edited version: validated by `ratingRuleSetSchema`, with every problem named by
 * its input (the dotted path) and said through `validation.*` messages, so the wrapper can put it in the
 * reader's language. The cross-field checks of the schema become bounds the office can act on.
 */
export const ruleSetFormSchema = fieldNamedSchema(ratingRuleSetSchema, ruleSetBodyFromForm, (issue, field, body) => {
  // Refinements across fields (thresholds in order) run only once every field is valid on its own, so an
  // office fixing several problems may see the cross-field ones on its next attempt.
  const input = valueAt(body, issue.path.map(String));
  if (issue.code === 'custom') return crossFieldIssue(field, body, input);
  if (issue.code === 'invalid_type' && fieldKinds.get(field) === 'number' && input !== undefined)
    return { code: 'custom', path: [field], message: 'validation.wholeNumber', input };
  return undefined;
});

// The schema's superRefine checks (rule-set.ts), restated as bounds with the number that limits them.
function crossFieldIssue(field: string, body: Record<string, unknown>, input: unknown): FormIssue {
  const num = (path: string) => Number(valueAt(body, path.split('.')));
  const bound = (code: 'too_big' | 'too_small', limit: number, key: string): FormIssue =>
    code === 'too_big'
      ? { code, origin: 'number', maximum: limit, path: [field], message: key, input }
      : { code, origin: 'number', minimum: limit, path: [field], message: key, input };
  let m = /^incidents\.tierThresholds\.(II|III)\.(\w+)$/.exec(field);
  if (m) {
    const above = m[1] === 'II' ? 'I' : 'II';
    return bound('too_big', num(`incidents.tierThresholds.${above}.${m[2]}`), `validation.belowTier${above}`);
  }
  m = /^incidents\.tierPoints\.(II|III|IV)$/.exec(field);
  if (m) {
    const above = tiers[tiers.indexOf(m[1] as (typeof tiers)[number]) - 1]!;
    return bound('too_big', num(`incidents.tierPoints.${above}`), `validation.notAboveTier${above}`);
  }
  if (field === 'levelThresholds.orange') return bound('too_small', num('levelThresholds.yellow'), 'validation.aboveYellow');
  if (field === 'levelThresholds.red') return bound('too_small', num('levelThresholds.orange'), 'validation.aboveOrange');
  if (field === 'ethics.annualReportDue.day') return { code: 'custom', path: [field], message: 'validation.noSuchDay', input };
  return { code: 'custom', path: [field], message: 'validation.invalid', input };
}
