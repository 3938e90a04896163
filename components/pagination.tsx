import Link from 'next/link';

export function Pagination({
  page,
  pages,
  hrefFor,
  labels,
}: {
  page: number;
  pages: number;
  hrefFor: (page: number) => string;
  labels: { previous: string; next: string; showing: string };
}) {
  return (
    <nav className="mt-4 flex items-center justify-between text-sm" aria-label="pagination">
      <p className="text-gray-600" data-testid="pagination-summary">
        {labels.showing}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link href={hrefFor(page - 1)} className="rounded-md border border-gray-300 bg-white px-3 py-1.5 hover:bg-gray-100">
            {labels.previous}
          </Link>
        ) : null}
        {page < pages ? (
          <Link href={hrefFor(page + 1)} className="rounded-md border border-gray-300 bg-white px-3 py-1.5 hover:bg-gray-100">
            {labels.next}
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
