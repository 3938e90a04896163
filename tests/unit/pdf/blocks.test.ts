import { describe, expect, it } from 'vitest';
import { pngSize } from '@/platform/pdf/draw-blocks';
import { columnWidths } from '@/platform/pdf/draw-table';
import { renderPdf } from '@/platform/pdf/render-pdf';
import type { Block, TableCell } from '@/platform/pdf/types';
import { extractPages } from './extract-text';
import { barChartPng } from './sample-document';

const base = { title: '月度预警简报', createdAt: new Date('2026-11-01T00:00:00Z') };
const table = (rows: TableCell[][]): Block => ({ type: 'table', columns: [{ label: '单位' }, { label: '等级' }], rows });

describe('table layout', () => {
  it('keeps given widths and shares the rest', () => {
    expect(columnWidths([{ label: 'a', width: 100 }, { label: 'b' }, { label: 'c' }], 500)).toEqual([100, 200, 200]);
    expect(columnWidths([{ label: 'a' }, { label: 'b' }], 300)).toEqual([150, 150]);
  });

  it('scales given widths down when they overflow, leaving room for the others', () => {
    const widths = columnWidths([{ label: 'a', width: 400 }, { label: 'b', width: 400 }, { label: 'c' }], 500);
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(500, 6);
    expect(widths[2]).toBeGreaterThanOrEqual(24);
    expect(widths[0]).toBeCloseTo(widths[1]!, 6);
  });

  it('wraps a long Chinese cell without spaces inside its column', async () => {
    const long = '科研数据跨境传输未履行安全评估程序'.repeat(4);
    const pdf = await renderPdf({ ...base, blocks: [table([[long, '红色']])] });
    const [page] = await extractPages(pdf);
    const lines = page!.split('\n').filter((l) => l.includes('科研'));
    expect(lines.length).toBeGreaterThan(2);
    expect(page!.replace(/\s+/g, '')).toContain(long);
  });

  it('refuses rows of the wrong length and fills that are not colours, saying where', async () => {
    await expect(renderPdf({ ...base, blocks: [table([['只有一格']])] })).rejects.toThrow(
      'table: row 1 has 1 cells, the table has 2 columns',
    );
    await expect(renderPdf({ ...base, blocks: [table([['所', { text: '红', fill: 'crimson' }]])] })).rejects.toThrow(
      'table: row 1, column 2: "crimson" is not a hex colour like #B91C1C',
    );
  });

  it('breaks a long Latin word by character and cuts a row taller than a page with "…"', async () => {
    const url = 'https://example.cn/' + 'a'.repeat(120);
    const huge = '很长的说明文字'.repeat(700);
    const pdf = await renderPdf({ ...base, blocks: [table([[url, '蓝色']]), table([[huge, '红色']])] });
    const pages = await extractPages(pdf);
    expect(pages.join('').replace(/\s+/g, '')).toContain(url);
    expect(pages).toHaveLength(2); // pdfkit added no pages of its own
    expect(pages[1]).toContain('…');
    expect(pages[1]).toContain('红色');
  });

  it('renders an empty table as its header', async () => {
    const [page] = await extractPages(await renderPdf({ ...base, blocks: [table([])] }));
    expect(page).toMatch(/单位\s*等级/);
  });
});

describe('other blocks', () => {
  it('reads a PNG size and refuses other data', () => {
    expect(pngSize(barChartPng(120, 60))).toEqual({ width: 120, height: 60 });
    expect(() => pngSize(Buffer.from('GIF89a not a png at all...'))).toThrow('image: the data is not a PNG file');
  });

  it('fills {page} and {pages} in a custom footer', async () => {
    const pdf = await renderPdf({ ...base, footer: '烽火 {page}/{pages}', blocks: [{ type: 'pageBreak' }] });
    const pages = await extractPages(pdf);
    expect(pages).toHaveLength(2);
    expect(pages[1]).toContain('烽火 2/2');
    expect(pages[1]).not.toContain('第 2 页');
  });

  it('numbers pages without a footer text, and keeps a heading off the foot of a page', async () => {
    // 23 short paragraphs leave room on page 1 for the heading alone, not for the heading and its text.
    const filler = Array.from({ length: 23 }, () => ({ type: 'paragraph' as const, text: '填充' }));
    const pdf = await renderPdf({
      ...base,
      blocks: [...filler, { type: 'heading', text: '小节标题', level: 3 }, { type: 'paragraph', text: '正文' }],
    });
    const pages = await extractPages(pdf);
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('第 1 页 / 共 2 页');
    expect(pages[1]).toContain('小节标题');
    expect(pages[1]).toContain('正文');
  });
});
