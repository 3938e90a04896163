// The box a record's workflow state and steps sit in, above its fields.
export function Panel({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <section className="mb-6 space-y-4 rounded-lg border border-gray-200 bg-white p-5" aria-label={title} data-testid={testId}>
      <h2 className="text-base font-semibold text-gray-900">{title}</h2>
      {children}
    </section>
  );
}

export function Notice({
  tone,
  children,
  testId,
}: {
  tone: 'info' | 'warn' | 'danger' | 'ok';
  children: React.ReactNode;
  testId?: string;
}) {
  const style = {
    info: 'border-sky-300 bg-sky-50 text-sky-950',
    warn: 'border-amber-400 bg-amber-50 text-amber-950',
    danger: 'border-red-400 bg-red-50 text-red-950',
    ok: 'border-emerald-300 bg-emerald-50 text-emerald-950',
  }[tone];
  return (
    <div
      role={tone === 'danger' || tone === 'warn' ? 'alert' : 'status'}
      className={`rounded-md border px-4 py-3 text-sm ${style}`}
      data-testid={testId}
    >
      {children}
    </div>
  );
}
