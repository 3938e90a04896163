import type { AlertRuleLine } from '@/domain/rule-sets/alert-texts';

/** The alert rules in plain language, one per line, with those switched off marked. */
export function AlertRuleTextView({ lines, offLabel }: { lines: AlertRuleLine[]; offLabel: string }) {
  return (
    <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white" data-testid="alert-rule-text">
      {lines.map((l) => (
        <li key={l.rule} className={`px-4 py-3 text-sm ${l.enabled ? '' : 'text-gray-400'}`} data-rule={l.rule}>
          <p className="font-semibold">
            {l.name} <span className="font-mono text-xs font-normal text-gray-500">{l.rule}</span>
            {!l.enabled ? <span className="ml-2 rounded bg-gray-200 px-1.5 py-0.5 text-xs text-gray-700">{offLabel}</span> : null}
          </p>
          <p className="mt-1">{l.text}</p>
        </li>
      ))}
    </ul>
  );
}
