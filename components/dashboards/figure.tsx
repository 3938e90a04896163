import Link from 'next/link';

/** A key figure that opens the records behind it. */
export function Figure({
  label,
  value,
  href,
  testId,
  accent,
  note,
}: {
  label: string;
  value: number;
  href: string;
  testId: string;
  accent?: string;
  note?: string;
}) {
  return (
    <Link
      prefetch={false}
      href={href}
      className="block rounded-lg border border-gray-200 bg-white p-4 shadow-sm hover:border-blue-400 hover:bg-blue-50/40"
      data-testid={testId}
    >
      <span className="block text-sm text-gray-600">{label}</span>
      <span
        className={`mt-1 block text-3xl font-semibold tabular-nums ${value > 0 && accent ? accent : 'text-gray-900'}`}
        data-value={value}
      >
        {value.toLocaleString('en-US')}
      </span>
      {note ? <span className="mt-1 block text-xs text-gray-500">{note}</span> : null}
    </Link>
  );
}

/** A count in a table cell that opens the records behind it (a plain 0 when there are none). */
export function CountLink({ n, href, strong = false }: { n: number; href: string; strong?: boolean }) {
  if (n === 0) return <span className="text-gray-400">0</span>;
  return (
    <Link prefetch={false} href={href} className={`tabular-nums text-blue-700 hover:underline ${strong ? 'font-semibold' : ''}`}>
      {n.toLocaleString('en-US')}
    </Link>
  );
}
