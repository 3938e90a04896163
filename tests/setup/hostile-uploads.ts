import { deflateStream, sheetXml, workbookParts, zipOf } from '../unit/import/helpers';

// The uploads of the independent attack (issue 13, items 4 and 5), shared by the integration tests and the
// upload storm in the browser suite.

const MB = 1024 * 1024;
const HEADER = ['externalId', 'unitCode', 'domain', 'dimension', 'tier', 'occurredAt', 'summary'];

/**
 * An XLSX of 1.2 MB whose shared strings expand to about 185 MB: strings of 1,200 characters that differ
 * by a few, which compresses about 150:1, under the zip-bomb ratio (200:1) and total (200 MB) checks.
 */
export async function sharedStringsBomb(totalBytes = 185 * MB): Promise<Buffer> {
  const strings = await deflateStream(async (write) => {
    let size = await write('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">');
    const pad = 'A'.repeat(1200);
    for (let i = 0; size < totalBytes;) {
      let block = '';
      for (let n = 0; n < 500; n++, i++) block += `<si><t>${pad}${((i * 2654435761) >>> 0).toString(36)}</t></si>`;
      size = await write(block);
    }
    await write('</sst>');
  });
  const header = HEADER.map((h, i) => `<c r="${String.fromCharCode(65 + i)}1" t="inlineStr"><is><t>${h}</t></is></c>`).join('');
  return zipOf(
    workbookParts(
      { name: 'xl/worksheets/sheet1.xml', data: sheetXml(`<row r="1">${header}</row><row r="2"><c r="G2" t="s"><v>0</v></c></row>`) },
      { name: 'xl/sharedStrings.xml', data: Buffer.alloc(0), deflated: strings },
    ),
  );
}

/** A well-formed incident CSV of `rows` rows for one institute (about 70 bytes a row). */
export function incidentCsv(rows: number, unitCode = 'BJ01', prefix = 'STORM'): Buffer {
  const lines = [HEADER.join(',')];
  for (let i = 0; i < rows; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    lines.push(`${prefix}-${i},${unitCode},drones,loss,4,2026-03-${day} 09:30,无人机试飞失控坠落`);
  }
  return Buffer.from(lines.join('\n'), 'utf8');
}
