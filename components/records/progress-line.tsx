// A short progress line of a record's workflow (open → rectified → verified), the current step marked
// in words and with a filled mark, not by colour alone.
export function ProgressLine({
  steps,
  current,
  label,
  testId,
}: {
  steps: { code: string; label: string; detail?: string }[];
  current: string;
  label: string;
  testId?: string;
}) {
  const at = steps.findIndex((s) => s.code === current);
  return (
    <ol className="flex flex-wrap items-center gap-2 text-sm" aria-label={label} data-testid={testId}>
      {steps.map((s, i) => {
        const done = at >= 0 && i <= at;
        return (
          <li key={s.code} className="flex items-center gap-2" aria-current={i === at ? 'step' : undefined}>
            {i > 0 ? (
              <span aria-hidden="true" className={done ? 'text-gray-900' : 'text-gray-300'}>
                →
              </span>
            ) : null}
            <span
              className={`inline-flex items-center gap-1 rounded-full px-2.5 py-1 ${
                i === at
                  ? 'bg-gray-900 font-semibold text-white'
                  : done
                    ? 'bg-gray-200 text-gray-900'
                    : 'border border-dashed border-gray-300 text-gray-500'
              }`}
            >
              <span aria-hidden="true">{done ? '●' : '○'}</span>
              {s.label}
              {s.detail ? <span className="text-xs font-normal opacity-80">{s.detail}</span> : null}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
