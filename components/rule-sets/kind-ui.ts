import type { RuleSetKind } from '@/domain/rule-sets/kinds';
import {
  activateAlertRuleSetAction,
  activateRuleSetAction,
  copyAlertRuleSetAction,
  copyRuleSetAction,
  updateAlertRuleSetAction,
  updateRuleSetAction,
} from '@/server/actions/rule-sets';

// Where the two kinds' pages differ: their place, their words (message keys) and the ids and test ids the
// pages have always had (end-to-end tests and bookmarks find them).

export interface KindUi {
  /** The kind's rules page; a version's page is `${rules}/<version>`. */
  rules: string;
  /** The area the rules page leads back to, and the label of that link. */
  area: string;
  areaLabel: string;
  title: string;
  subtitle: string;
  intro: string;
  versionTitle: string;
  /** The label of the link from a version back to the rules page. */
  backLabel: string;
  activateBody: string;
  editLocked: string;
  noneLabel: string;
  /** Whether the versions table has a column of the ratings computed with each version. */
  countsUse: boolean;
  ids: {
    text?: string;
    versions: string;
    versionsHeading: string;
    copy: string;
    copyPrefix: string;
    form: string;
    field: string;
    activate: string;
  };
  layout: { form: string; grid: string; numbers: 'numeric' | 'decimal' };
  actions: { copy: typeof copyRuleSetAction; update: typeof updateRuleSetAction; activate: typeof activateRuleSetAction };
}

export const kindUi: Record<RuleSetKind, KindUi> = {
  rating: {
    rules: '/ratings/rules',
    area: '/ratings',
    areaLabel: 'ratings.title',
    title: 'ruleSets.title',
    subtitle: 'ruleSets.subtitle',
    intro: 'ruleSets.intro',
    versionTitle: 'ruleSets.versionTitle',
    backLabel: 'ruleSets.back',
    activateBody: 'ruleSets.activateBody',
    editLocked: 'ruleSets.editLocked',
    noneLabel: 'ruleSets.noFloor',
    countsUse: true,
    ids: {
      text: 'rule-set-text',
      versions: 'rule-set-versions',
      versionsHeading: 'versions-heading',
      copy: 'copy-rule-set',
      copyPrefix: 'copy',
      form: 'rule-set-form',
      field: 'rule',
      activate: 'activate',
    },
    layout: { form: 'space-y-6', grid: 'sm:grid-cols-2 lg:grid-cols-3', numbers: 'numeric' },
    actions: { copy: copyRuleSetAction, update: updateRuleSetAction, activate: activateRuleSetAction },
  },
  alerts: {
    rules: '/alerts/rules',
    area: '/alerts',
    areaLabel: 'alerts.back',
    title: 'alerts.rulesTitle',
    subtitle: 'alerts.rulesSubtitle',
    intro: 'alerts.rulesIntro',
    versionTitle: 'alerts.versionTitle',
    backLabel: 'alerts.rulesTitle',
    activateBody: 'alerts.activateBody',
    editLocked: 'alerts.editLocked',
    noneLabel: 'alerts.none',
    countsUse: false,
    ids: {
      versions: 'alert-rule-versions',
      versionsHeading: 'alert-versions-heading',
      copy: 'copy-alert-rule-set',
      copyPrefix: 'alert-copy',
      form: 'alert-rule-set-form',
      field: 'alert-rule',
      activate: 'activate-alert-rules',
    },
    layout: { form: 'space-y-4', grid: 'sm:grid-cols-2 lg:grid-cols-4', numbers: 'decimal' },
    actions: { copy: copyAlertRuleSetAction, update: updateAlertRuleSetAction, activate: activateAlertRuleSetAction },
  },
};
