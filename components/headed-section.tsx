/**
 * A section named by its heading (aria-labelledby), with a note under the heading, then its content.
 * `head`: the heading's id, the heading and the note; `classes`: the heading's and the note's, the page's own.
 */
export function HeadedSection({
  head: [id, title, note],
  classes: [titleClass, noteClass],
  children,
}: {
  head: readonly [id: string, title: string, note: string];
  classes: readonly [title: string, note: string];
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className={titleClass}>
        {title}
      </h2>
      <p className={noteClass}>{note}</p>
      {children}
    </section>
  );
}
