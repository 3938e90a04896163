/** What a card shows while its figures load: its title and a quiet placeholder of the same height. */
export function CardSkeleton({ title, height = 'h-40' }: { title: string; height?: string }) {
  return (
    <section className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm" aria-busy="true">
      <h2 className="text-base font-semibold text-gray-900">{title}</h2>
      <div className={`mt-3 animate-pulse rounded bg-gray-100 ${height}`} />
    </section>
  );
}
