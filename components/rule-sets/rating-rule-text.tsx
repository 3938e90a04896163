import type { RuleSetSection } from '@/domain/rule-sets/rating-texts';

/** A rule set in plain language, section by section. */
export function RuleSetTextView({ sections, testId }: { sections: RuleSetSection[]; testId?: string }) {
  return (
    <div className="grid gap-4 lg:grid-cols-2" data-testid={testId}>
      {sections.map((s) => (
        <section key={s.key} className="rounded-lg border border-gray-200 bg-white p-4" aria-labelledby={`rules-${s.key}`}>
          <h3 id={`rules-${s.key}`} className="font-semibold text-gray-900">
            {s.title}
          </h3>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-gray-800">
            {s.lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
