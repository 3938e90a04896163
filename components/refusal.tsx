import Link from 'next/link';

export function Refusal({ title, body, homeLabel, testId }: { title: string; body: string; homeLabel: string; testId: string }) {
  return (
    <div
      role="alert"
      data-testid={testId}
      className="mx-auto mt-10 max-w-xl rounded-lg border border-red-200 bg-white p-8 text-center shadow-sm"
    >
      {/* Drawn, not an emoji: ⛔ needs an emoji font, and without one it was a box. */}
      <svg viewBox="0 0 24 24" className="mx-auto h-10 w-10" aria-hidden="true">
        <circle cx="12" cy="12" r="11" fill="#b91c1c" />
        <rect x="5" y="10" width="14" height="4" rx="1" fill="#ffffff" />
      </svg>
      <h1 className="mt-3 text-xl font-semibold text-gray-900">{title}</h1>
      <p className="mt-2 text-sm text-gray-600">{body}</p>
      <Link href="/" className="mt-6 inline-block rounded-md bg-gray-900 px-4 py-2 text-sm text-white hover:bg-gray-700">
        {homeLabel}
      </Link>
    </div>
  );
}
