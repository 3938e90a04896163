import ExcelJS from 'exceljs';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import type { ColumnSpec } from '@/platform/spreadsheets/read/columns';

/** An incident-like record kind covering every column type. */
export const COLUMNS: ColumnSpec[] = [
  { code: 'externalId', labelZh: '事件编号', labelEn: 'External ID', required: true, type: 'string', example: 'INC-2025-001' },
  { code: 'unitCode', labelZh: '单位代码', labelEn: 'Unit code', required: true, type: 'string', example: 'IBP' },
  {
    code: 'domain',
    labelZh: '领域',
    labelEn: 'Domain',
    required: true,
    type: 'enum',
    options: ['ai', 'gene_editing', 'drones', 'other'],
    example: 'ai',
  },
  { code: 'tier', labelZh: '事件等级', labelEn: 'Tier', required: true, type: 'integer', example: '4' },
  { code: 'occurredAt', labelZh: '发生时间', labelEn: 'Occurred at', required: true, type: 'datetime', example: '2025-03-04 09:30' },
  { code: 'dueAt', labelZh: '整改期限', labelEn: 'Due date', required: false, type: 'date', example: '2025-04-30' },
  {
    code: 'directLossCny',
    labelZh: '直接经济损失（元）',
    labelEn: 'Direct loss (CNY)',
    required: false,
    type: 'number',
    example: '12000.5',
  },
  {
    code: 'concealed',
    labelZh: '是否瞒报',
    labelEn: 'Concealed',
    required: false,
    type: 'boolean',
    example: 'false',
    note: '瞒报按规则加重',
  },
  { code: 'summary', labelZh: '摘要', labelEn: 'Summary', required: false, type: 'string', example: '示例：实验室通风故障' },
];

export const HEADER_ZH = COLUMNS.map((c) => `${c.labelZh} (${c.code})`);

/** A workbook written by exceljs, the way a user's Excel file looks to the reader. */
export async function xlsxOf(rows: ExcelJS.CellValue[][], configure?: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('数据');
  for (const row of rows) sheet.addRow(row);
  configure?.(sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface ZipInput {
  name: string;
  data: Buffer;
  /** Store instead of deflate. */
  stored?: boolean;
  /** Lie about the inflated size in both headers. */
  declaredSize?: number;
  /** Already-deflated data (with `size` its real inflated size), for entries too big to hold inflated. */
  deflated?: { data: Buffer; size: number; crc: number };
  /** Point this central-directory record at an earlier entry's data (an overlapping-entries zip bomb). */
  reuse?: string;
}

/** A minimal zip writer, so tests can craft what no real tool would write. */
export function zipOf(inputs: ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  const written = new Map<string, { offset: number; central: Buffer }>();
  let offset = 0;
  for (const input of inputs) {
    const name = Buffer.from(input.name, 'utf8');
    const reused = input.reuse ? written.get(input.reuse) : undefined;
    if (reused) {
      const central = Buffer.from(reused.central);
      central.writeUInt16LE(name.length, 28);
      centrals.push(central, name);
      continue;
    }
    const body = input.deflated?.data ?? (input.stored ? input.data : deflateRawSync(input.data));
    const realSize = input.deflated?.size ?? input.data.length;
    const size = input.declaredSize ?? realSize;
    const crc = input.deflated?.crc ?? crc32(input.data);
    const method = input.stored ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    written.set(input.name, { offset, central });
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
/** Style 0 general, 1 a date (built-in 14), 2 a date-time (custom 164). */
const STYLES = `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>`;

/** The parts of a minimal workbook around a given sheet and shared-strings part. */
export function workbookParts(sheet: ZipInput, sharedStrings: ZipInput): ZipInput[] {
  return [
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(ROOT_RELS) },
    { name: 'xl/workbook.xml', data: Buffer.from(WORKBOOK) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(WORKBOOK_RELS) },
    { name: 'xl/styles.xml', data: Buffer.from(STYLES) },
    sharedStrings,
    sheet,
  ];
}

export function sheetXml(rowsXml: string): Buffer {
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rowsXml}</sheetData></worksheet>`,
  );
}

export function sharedStringsXml(strings: string[]): Buffer {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t>${escape(s)}</t></si>`).join('')}</sst>`,
  );
}

/**
 * Deflated zip entry data as `produce` writes it, streaming: its inflated size and CRC counted on the way.
 * `write` answers the inflated size so far.
 */
export async function deflateStream(
  produce: (write: (part: Buffer | string) => Promise<number>) => Promise<void>,
): Promise<NonNullable<ZipInput['deflated']>> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  let crc = 0;
  let size = 0;
  await produce(async (input) => {
    const part = typeof input === 'string' ? Buffer.from(input) : input;
    crc = crc32(part, crc);
    size += part.length;
    if (!deflate.write(part)) await new Promise((resolve) => deflate.once('drain', resolve));
    return size;
  });
  deflate.end();
  await done;
  return { data: Buffer.concat(out), size, crc };
}

/**
 * Deflates about `total` bytes made of `head`, `unit` repeated and `tail`, streaming, so the test never holds
 * the inflated text: this is how a zip bomb's entry is made.
 */
export async function deflateRepeated(head: string, unit: string, total: number, tail: string): Promise<NonNullable<ZipInput['deflated']>> {
  const unitBuf = Buffer.from(unit);
  const block = Buffer.alloc(Math.floor((1 << 20) / unitBuf.length) * unitBuf.length);
  for (let at = 0; at < block.length; at += unitBuf.length) unitBuf.copy(block, at);
  const parts = [Buffer.from(head), ...Array.from({ length: Math.ceil(total / block.length) }, () => block), Buffer.from(tail)];
  return deflateStream(async (write) => {
    for (const part of parts) await write(part);
  });
}
