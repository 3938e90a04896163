import { mkdirSync, writeFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPdf } from '@/platform/pdf/render-pdf';
import { extractPages } from './extract-text';
import { buildSampleDocument } from './sample-document';

/** The PDF's objects with their streams inflated, as text, to look for dictionary entries. */
function inflatedObjects(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const parts = [raw];
  const streams = /stream\r?\n/g;
  for (let m = streams.exec(raw); m; m = streams.exec(raw)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    try {
      parts.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // not a deflated stream (or a font program): only its dictionary matters
    }
  }
  return parts.join('\n');
}

describe('renderPdf with the 警示通报 sample (200-row table)', () => {
  let pdf: Buffer;
  let pages: string[];
  let renderMs: number;

  beforeAll(async () => {
    const started = performance.now();
    pdf = await renderPdf(buildSampleDocument());
    renderMs = performance.now() - started;
    console.log(`rendered ${pdf.length} bytes in ${renderMs.toFixed(0)} ms`);
    mkdirSync('.tmp', { recursive: true });
    writeFileSync('.tmp/sample.pdf', pdf);
    pages = await extractPages(pdf);
  });

  it('is a PDF of several pages, rendered in under 5 s', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pages.length).toBeGreaterThan(1);
    expect(renderMs).toBeLessThan(5000);
  });

  it('gives back the Chinese, English and numbers as text', () => {
    const text = pages.join('\n').replace(/\s+/g, ' ');
    for (const expected of ['警示通报', '中国科学院', '红色', '橙色', 'Risk monitoring covered 5 institutes', 'GitHub', '2026-12-15']) {
      expect(text).toContain(expected);
    }
    // A mixed line comes back in order, not as separate runs.
    expect(text.replace(/\s+/g, '')).toContain('邮箱security@example.cn');
  });

  it('embeds subsetted fonts with a ToUnicode map', () => {
    const objects = inflatedObjects(pdf);
    expect(objects).toMatch(/\/FontFile[23]\s/);
    expect(objects).toMatch(/\/ToUnicode\s/);
    expect(objects).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSans/); // the subset tag
    expect(pdf.length).toBeLessThan(1_000_000); // a whole CJK font would be 10 MB
  });

  it('repeats the header row and numbers every page', () => {
    const tablePages = pages.filter((p) => p.includes('风险事项清单') || /^\s*序号/m.test(p));
    expect(tablePages.length).toBeGreaterThan(2);
    for (const page of pages.slice(1, -1)) expect(page).toMatch(/序号\s*单位\s*风险事项\s*等级\s*发现日期/);
    pages.forEach((page, i) => {
      expect(page).toContain(`第 ${i + 1} 页 / 共 ${pages.length} 页`);
      expect(page).toContain('烽火 · 生成于 2026-11-23 08:00');
    });
    // Row 200 made it, and the page break block put the last heading on a page of its own.
    expect(pages.at(-2)).toMatch(/\b200\b/);
    expect(pages.at(-1)).toContain('四、工作要求');
  });

  it('gives the same bytes for the same input and createdAt', async () => {
    expect((await renderPdf(buildSampleDocument())).equals(pdf)).toBe(true);
  });
});
