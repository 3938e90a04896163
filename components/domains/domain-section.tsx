import { ExportXlsxLink } from '@/components/export/export-xlsx-link';
import { EmptyNote, SectionHead } from '@/components/dashboards/section-parts';

/**
 * A list section of the domain page: its heading (and hint) with the export link of its table, then the
 * list, or the note that says it is empty (`empty`: how many there are, the note and its test id).
 */
export function DomainSection({
  id,
  className,
  head: [headingId, title, hint],
  table: [table, params],
  empty: [total, emptyText, emptyTestId],
  children,
}: {
  id?: string;
  className: string;
  head: readonly [id: string, title: string, hint?: string];
  table: readonly [name: string, params: Record<string, string | undefined>];
  empty: readonly [total: number, text: string, testId: string];
  children: React.ReactNode;
}) {
  return (
    <section id={id} className={className} aria-labelledby={headingId}>
      <SectionHead id={headingId} title={title} hint={hint}>
        <ExportXlsxLink table={table} params={params} />
      </SectionHead>
      {total === 0 ? <EmptyNote roomy text={emptyText} testId={emptyTestId} /> : children}
    </section>
  );
}
