import { getTranslations } from 'next-intl/server';
import type { RuleTextView } from '@/features/rule-sets/views';
import { AlertRuleTextView } from '@/components/alerts/alert-rule-text';
import { RuleSetTextView } from './rating-rule-text';

/** A version's rules in plain language: the rating's sections, or one line per alert rule. */
export async function RuleText({ text }: { text: RuleTextView }) {
  if (text.kind === 'rating') return <RuleSetTextView sections={text.sections} testId="rule-set-text" />;
  const t = await getTranslations('alerts');
  return <AlertRuleTextView lines={text.lines} offLabel={t('ruleOff')} />;
}
