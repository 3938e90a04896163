import path from 'node:path';
import { ImportFileError } from '@/platform/spreadsheets/read/errors';
import { isDateFormat } from '@/platform/spreadsheets/read/excel-values';
import type { ImportLimits } from '@/platform/spreadsheets/read/limits';
import { SharedStrings } from '@/platform/spreadsheets/read/shared-strings';
import type { TextBudget } from '@/platform/spreadsheets/read/text-budget';
import { createXmlParser, decodeOoxmlEscapes, prefixedAttribute, type XmlHandlers } from '@/platform/spreadsheets/read/xml';
import { inflateEntry, type InflateBudget, type ZipEntry } from '@/platform/spreadsheets/read/zip';

export interface ZipFile {
  buf: Buffer;
  entries: Map<string, ZipEntry>;
  budget: InflateBudget;
  limits: ImportLimits;
  /** What all the parses running at once may hold; none outside the import pool. */
  textBudget?: TextBudget;
}

/** What the first visible worksheet needs to be read: where it is and how to decode its cells. */
export interface SheetContext {
  sheet: ZipEntry;
  date1904: boolean;
  /** Held compactly and bounded; the caller releases it when the sheet has been read. */
  sharedStrings: SharedStrings;
  /** Per cell style index: whether its number format shows a date. */
  dateStyles: boolean[];
}

const notSpreadsheet = () => new ImportFileError('import.notSpreadsheet');

function findEntry(file: ZipFile, name: string): ZipEntry | undefined {
  const exact = file.entries.get(name);
  if (exact) return exact;
  const wanted = name.toLowerCase();
  for (const [entryName, entry] of file.entries) {
    if (entryName.replace(/\\/g, '/').toLowerCase() === wanted) return entry;
  }
  return undefined;
}

/** Streams a part through the SAX parser, so even a huge one is never held whole. False if it is missing. */
async function parsePart(file: ZipFile, name: string | undefined, handlers: XmlHandlers): Promise<boolean> {
  const entry = name ? findEntry(file, name) : undefined;
  if (!entry) return false;
  const parser = createXmlParser(handlers);
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of inflateEntry(file.buf, entry, file.budget, file.limits)) parser.write(decoder.decode(chunk, { stream: true }));
  parser.write(decoder.decode()).close();
  return true;
}

interface Relationship {
  type: string;
  target: string;
}

/** A part's relationships, with targets resolved to zip entry names. */
async function readRelationships(file: ZipFile, partName: string): Promise<Map<string, Relationship>> {
  const dir = path.posix.dirname(partName);
  const relsName = path.posix.join(dir, '_rels', `${path.posix.basename(partName)}.rels`);
  const rels = new Map<string, Relationship>();
  await parsePart(file, relsName, {
    open(name, attributes) {
      if (name !== 'Relationship' || !attributes.Id || !attributes.Target || attributes.TargetMode === 'External') return;
      const target = attributes.Target.startsWith('/') ? attributes.Target.slice(1) : path.posix.join(dir, attributes.Target);
      rels.set(attributes.Id, { type: attributes.Type ?? '', target: path.posix.normalize(target) });
    },
  });
  return rels;
}

function relationshipOfType(rels: Map<string, Relationship>, suffix: string): Relationship | undefined {
  return [...rels.values()].find((rel) => rel.type.endsWith(suffix));
}

async function readStyles(file: ZipFile, name: string | undefined): Promise<boolean[]> {
  const formatCodes = new Map<number, string>();
  const dateStyles: boolean[] = [];
  let inCellXfs = false;
  const styleFormats: number[] = [];
  await parsePart(file, name, {
    open(tag, attributes) {
      if (tag === 'numFmt') formatCodes.set(Number(attributes.numFmtId), attributes.formatCode ?? '');
      else if (tag === 'cellXfs') inCellXfs = true;
      else if (tag === 'xf' && inCellXfs) styleFormats.push(Number(attributes.numFmtId ?? 0));
    },
    close(tag) {
      if (tag === 'cellXfs') inCellXfs = false;
    },
  });
  for (const id of styleFormats) dateStyles.push(isDateFormat(id, formatCodes.get(id)));
  return dateStyles;
}

/**
 * The shared string table, streamed into a compact store bounded per file and across parses; each string
 * cut just past the cell limit so a huge one costs no more.
 */
async function readSharedStrings(file: ZipFile, name: string | undefined): Promise<SharedStrings> {
  const cap = file.limits.maxCellChars + 1;
  const strings = new SharedStrings(file.limits.maxSharedStringBytes, file.textBudget);
  let current = '';
  let capture = false;
  let inPhonetic = false;
  const reading = parsePart(file, name, {
    open(tag) {
      if (tag === 'si') current = '';
      else if (tag === 't' && !inPhonetic) capture = true;
      else if (tag === 'rPh') inPhonetic = true;
    },
    close(tag) {
      if (tag === 't') capture = false;
      else if (tag === 'rPh') inPhonetic = false;
      else if (tag === 'si') strings.add(decodeOoxmlEscapes(current));
    },
    text(text) {
      if (capture && current.length < cap) current += text.slice(0, cap - current.length);
    },
  });
  try {
    await reading;
  } catch (error) {
    strings.release();
    throw error;
  }
  return strings;
}

/** Finds the workbook through the package relationships and the first visible worksheet in it. */
export async function readSheetContext(file: ZipFile): Promise<SheetContext> {
  const packageRels = await readRelationships(file, '');
  const workbookName = relationshipOfType(packageRels, '/officeDocument')?.target ?? 'xl/workbook.xml';
  let date1904 = false;
  let sheetId: string | undefined;
  const found = await parsePart(file, workbookName, {
    open(tag, attributes) {
      if (tag === 'workbookPr') date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
      else if (tag === 'sheet' && sheetId === undefined && attributes.state !== 'hidden' && attributes.state !== 'veryHidden') {
        sheetId = prefixedAttribute(attributes, 'id');
      }
    },
  });
  if (!found) throw notSpreadsheet();
  const rels = await readRelationships(file, workbookName);
  const sheetName = sheetId ? rels.get(sheetId)?.target : undefined;
  const sheet = sheetName ? findEntry(file, sheetName) : undefined;
  if (!sheet) throw notSpreadsheet();

  return {
    sheet,
    date1904,
    dateStyles: await readStyles(file, relationshipOfType(rels, '/styles')?.target),
    sharedStrings: await readSharedStrings(file, relationshipOfType(rels, '/sharedStrings')?.target),
  };
}
