// The import preview's backfill warning (decision 033): how many new incidents will count as late only
// because their report time defaulted to the time of import, and how to mark history's report time
// unknown instead. The server says it in the reader's language (domain/incidents/late-by-default.ts).
export function LateByDefaultNotice({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  return (
    <p role="note" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="import-late-by-default">
      {text}
    </p>
  );
}
