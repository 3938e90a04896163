// How a dry run's change list is bounded and shown: plain functions, shared by the server (change-list.ts),
// the command line and the preview page (a client component, so nothing here may import the database).

/** Records listed in detail per outcome; the counts say how many there are in all. */
export const CHANGE_DETAIL_LIMIT = 200;
/** A value is shown in at most this many characters (a narrative of 20,000 is not repeated whole). */
export const VALUE_DISPLAY_CHARS = 80;

/** At most VALUE_DISPLAY_CHARS characters (whole code points, so no half of a pair survives), ending in "…" if cut. */
export function shorten(text: string): string {
  if (text.length <= VALUE_DISPLAY_CHARS) return text;
  // Walks only the first VALUE_DISPLAY_CHARS code points: a 20,000-character narrative is not split whole.
  let end = 0;
  let cut = 0;
  for (let points = 0; points < VALUE_DISPLAY_CHARS && end < text.length; points++) {
    if (points === VALUE_DISPLAY_CHARS - 1) cut = end;
    end += text.codePointAt(end)! > 0xffff ? 2 : 1;
  }
  return end >= text.length ? text : `${text.slice(0, cut)}…`;
}

/**
 * A value as a reader can tell it apart from its neighbour: text with spaces at its ends or line breaks is
 * quoted, so a change that only adds a trailing space (issue 14 item 5) does not read "a → a".
 */
export function visibleText(value: string | null, empty: string): string {
  if (value === null) return empty;
  return /^\s|\s$|[\n\r\t]/.test(value) || value === '' ? JSON.stringify(value) : value;
}
