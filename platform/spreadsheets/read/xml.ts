import { SaxesParser, type SaxesTag } from 'saxes';
import { ImportFileError } from '@/platform/spreadsheets/read/errors';

export interface XmlHandlers {
  open(name: string, attributes: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
}

/** `x:row` → `row`: some writers prefix SpreadsheetML elements. */
function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/**
 * A non-validating SAX parser that knows only local names. A DOCTYPE is refused outright: OOXML parts never
 * have one, and it is how entity-expansion attacks begin.
 */
export function createXmlParser(handlers: XmlHandlers): SaxesParser {
  // Without namespace processing attributes are plain strings; the option type does not narrow that.
  const parser = new SaxesParser({ position: false, xmlns: false });
  parser.on('doctype', () => {
    throw new ImportFileError('import.notSpreadsheet');
  });
  parser.on('opentag', (tag: SaxesTag) => handlers.open(localName(tag.name), tag.attributes as Record<string, string>));
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (tag: SaxesTag) => close(localName(tag.name)));
  }
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  return parser;
}

/** The value of a namespaced attribute whatever its prefix (`r:id`, `ns1:id`). */
export function prefixedAttribute(attributes: Record<string, string>, local: string): string | undefined {
  for (const [name, value] of Object.entries(attributes)) {
    if (name.endsWith(`:${local}`)) return value;
  }
  return undefined;
}

/** OOXML's escape for characters XML cannot hold: `_x000D_` is a carriage return. */
export function decodeOoxmlEscapes(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}
