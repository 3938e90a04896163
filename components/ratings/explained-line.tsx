import Link from 'next/link';

/** A sentence of a rating's explanation with its record's reference as the link to the record. */
export function ExplainedLineText({ text, reference, href }: { text: string; reference: string | null; href: string | null }) {
  const at = reference && href ? text.indexOf(reference) : -1;
  if (!href || !reference || at < 0) {
    return (
      <>
        {text}
        {href ? (
          <Link href={href} aria-label={reference ?? href} className="ml-2 text-blue-700 hover:underline">
            ↗
          </Link>
        ) : null}
      </>
    );
  }
  return (
    <>
      {text.slice(0, at)}
      <Link href={href} className="font-mono text-blue-700 hover:underline" data-testid="record-link">
        {reference}
      </Link>
      {text.slice(at + reference.length)}
    </>
  );
}
