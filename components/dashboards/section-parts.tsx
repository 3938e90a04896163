import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

// The pieces every list section on the unit and domain pages is made of: a heading with its hint and
// export link, the note shown instead of an empty table, and the "n of N, show all" line under a cut list.

/** A section's heading; with a hint, heading and hint stack on the left of the actions. */
export function SectionHead({ id, title, hint, children }: { id: string; title: string; hint?: string; children?: React.ReactNode }) {
  const heading = (
    <h2 id={id} className="text-lg font-semibold">
      {title}
    </h2>
  );
  return (
    <div className="flex flex-wrap items-end justify-between gap-2">
      {hint ? (
        <div>
          {heading}
          <p className="text-xs text-gray-500">{hint}</p>
        </div>
      ) : (
        heading
      )}
      {children}
    </div>
  );
}

/** What a section shows instead of an empty table. `roomy`: the domain page's larger, darker note. */
export function EmptyNote({ text, testId, roomy = false }: { text: string; testId: string; roomy?: boolean }) {
  return (
    <p
      className={`rounded-lg border border-dashed border-gray-300 bg-white ${roomy ? 'p-6' : 'p-4'} text-center text-sm ${roomy ? 'text-gray-600' : 'text-gray-500'}`}
      data-testid={testId}
    >
      {text}
    </p>
  );
}

/** Under a list cut at its limit: how many are shown, and a link to all of them in the record list. */
export async function ShowAll({ shown, total, href, prefetch }: { shown: number; total: number; href: string; prefetch?: false }) {
  if (total <= shown) return null;
  const t = await getTranslations();
  return (
    <p className="text-xs text-gray-600">
      {t('domains.shown', { shown, total })}{' '}
      <Link prefetch={prefetch} href={href} className="text-blue-700 hover:underline" data-testid="show-all">
        {t('domains.showAll', { total })}
      </Link>
    </p>
  );
}
