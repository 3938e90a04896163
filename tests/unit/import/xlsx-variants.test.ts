import { expect, it } from 'vitest';
import { readTable } from '@/platform/spreadsheets/read/read-table';
import type { ColumnSpec } from '@/platform/spreadsheets/read/columns';
import { zipOf } from './helpers';

const COLUMNS: ColumnSpec[] = [
  { code: 'name', labelZh: '名称', labelEn: 'Name', required: true, type: 'string', example: '' },
  { code: 'day', labelZh: '日期', labelEn: 'Day', required: false, type: 'date', example: '' },
  { code: 'at', labelZh: '时间', labelEn: 'At', required: false, type: 'datetime', example: '' },
];

const NS = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = 'http://purl.oclc.org/ooxml/officeDocument/relationships';

it('reads what other writers produce: prefixes, rich text, inline strings, ISO cells, 1904 dates, hidden sheets', async () => {
  const parts = [
    {
      name: '_rels/.rels',
      data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${REL}/officeDocument" Target="/xl/book.xml"/></Relationships>`,
    },
    {
      // Strict-OOXML relationship types, an absolute target, a hidden first sheet and the 1904 date system.
      name: 'xl/book.xml',
      data: `<x:workbook ${NS} xmlns:r="${REL}"><x:workbookPr date1904="1"/><x:sheets><x:sheet name="old" sheetId="1" state="hidden" r:id="s1"/><x:sheet name="数据" sheetId="2" r:id="s2"/></x:sheets></x:workbook>`,
    },
    {
      name: 'xl/_rels/book.xml.rels',
      data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="s1" Type="${REL}/worksheet" Target="sheets/a.xml"/><Relationship Id="s2" Type="${REL}/worksheet" Target="/xl/sheets/b.xml"/><Relationship Id="st" Type="${REL}/styles" Target="s.xml"/><Relationship Id="ss" Type="${REL}/sharedStrings" Target="strings.xml"/></Relationships>`,
    },
    {
      name: 'xl/s.xml',
      data: `<x:styleSheet ${NS}><x:cellStyleXfs><x:xf numFmtId="14"/></x:cellStyleXfs><x:cellXfs><x:xf numFmtId="0"/><x:xf numFmtId="31"/><x:xf numFmtId="22"/></x:cellXfs></x:styleSheet>`,
    },
    {
      // A rich-text string with a phonetic run, which is not part of the text.
      name: 'xl/strings.xml',
      data: `<x:sst ${NS}><x:si><x:t>name</x:t></x:si><x:si><x:r><x:t>通风</x:t></x:r><x:r><x:t xml:space="preserve"> 故障</x:t></x:r><x:rPh><x:t>つうふう</x:t></x:rPh></x:si><x:si><x:t>line_x000D_break &amp; more</x:t></x:si></x:sst>`,
    },
    {
      name: 'xl/sheets/a.xml',
      data: `<x:worksheet ${NS}><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>wrong sheet</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`,
    },
    {
      // No r attributes: cells and rows count on from the previous one.
      name: 'xl/sheets/b.xml',
      data:
        `<x:worksheet ${NS}><x:sheetData>` +
        '<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="inlineStr"><x:is><x:t>day</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>at</x:t></x:is></x:c></x:row>' +
        '<x:row><x:c t="s"><x:v>1</x:v></x:c><x:c s="1"><x:v>44259</x:v></x:c><x:c s="2"><x:v>44259.5</x:v></x:c></x:row>' +
        '<x:row r="5"><x:c r="A5" t="s"><x:v>2</x:v></x:c><x:c r="B5" t="d"><x:v>2025-03-04T00:00:00</x:v></x:c><x:c r="C5" t="d"><x:v>2025-03-04T09:30:00Z</x:v></x:c></x:row>' +
        '<x:row r="6"><x:c r="A6" t="inlineStr"><x:is><x:r><x:t>in</x:t></x:r><x:r><x:t>line</x:t></x:r></x:is></x:c><x:c r="C6" s="0"/></x:row>' +
        '</x:sheetData></x:worksheet>',
    },
  ].map((part) => ({ name: part.name, data: Buffer.from(part.data) }));

  const result = await readTable(zipOf(parts), 'xlsx', COLUMNS);
  expect(result.problems).toEqual([]);
  expect(result.rows).toEqual([
    { row: 2, values: { name: '通风 故障', day: '2025-03-05', at: '2025-03-05T12:00:00+08:00' } },
    { row: 5, values: { name: 'line\rbreak & more', day: '2025-03-04', at: '2025-03-04T17:30:00+08:00' } },
    { row: 6, values: { name: 'inline', day: null, at: null } },
  ]);
});
