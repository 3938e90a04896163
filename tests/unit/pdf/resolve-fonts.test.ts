import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '@/platform/pdf/render-pdf';
import { findFontPackage, parseFontSpec, PdfFontError, resolvePdfFonts, SYSTEM_FONT_CANDIDATES } from '@/platform/pdf/resolve-fonts';
import { extractPages } from './extract-text';

const DEBIAN_TTC = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const only =
  (...files: string[]) =>
  (file: string) =>
    files.includes(file);

describe('resolvePdfFonts', () => {
  it('uses the npm font package by default, installed by npm ci', () => {
    const dir = findFontPackage();
    expect(dir).toBeDefined();
    const fonts = resolvePdfFonts();
    expect(fonts.source).toBe('package');
    expect(fonts.regular.file).toMatch(/NotoSansSC_400Regular\.ttf$/);
    expect(fonts.bold.file).toMatch(/NotoSansSC_700Bold\.ttf$/);
    expect(existsSync(fonts.regular.file) && existsSync(fonts.bold.file)).toBe(true);
  });

  it('prefers FENGHUO_PDF_FONT, with a face name for a collection, and uses it for bold unless told otherwise', () => {
    const fonts = resolvePdfFonts({ regular: '/fonts/x.ttc#NotoSansCJKsc-Regular', exists: only('/fonts/x.ttc'), packageDir: undefined });
    expect(fonts).toEqual({
      regular: { file: '/fonts/x.ttc', face: 'NotoSansCJKsc-Regular' },
      bold: { file: '/fonts/x.ttc', face: 'NotoSansCJKsc-Regular' },
      source: 'env',
    });
    expect(resolvePdfFonts({ regular: '/a.ttf', bold: '/b.otf', exists: only('/a.ttf', '/b.otf') }).bold).toEqual({ file: '/b.otf' });
  });

  it('names the variable when its file is missing', () => {
    expect(() => resolvePdfFonts({ regular: '/nowhere/font.ttf', exists: () => false })).toThrow(
      new PdfFontError('FENGHUO_PDF_FONT: no font file at "/nowhere/font.ttf"'),
    );
    const packageOnly = only(path.join('/pkg', '400Regular/NotoSansSC_400Regular.ttf'));
    expect(() => resolvePdfFonts({ bold: '/nowhere/bold.ttf', exists: packageOnly, packageDir: '/pkg' })).toThrow(
      'FENGHUO_PDF_FONT_BOLD: no font file at "/nowhere/bold.ttf"',
    );
  });

  it('falls back to a system Noto Sans CJK when the package is missing', () => {
    const first = SYSTEM_FONT_CANDIDATES[0]!;
    const fonts = resolvePdfFonts({ packageDir: undefined, exists: only(first.regular.file, first.bold.file) });
    expect(fonts).toEqual({ ...first, source: 'system' });
  });

  it('lists every place it looked when there is no font at all', () => {
    const attempt = () => resolvePdfFonts({ packageDir: '/app/node_modules/pkg', exists: () => false });
    expect(attempt).toThrow(PdfFontError);
    expect(attempt).toThrow(path.join('/app/node_modules/pkg', '400Regular/NotoSansSC_400Regular.ttf'));
    expect(attempt).toThrow(DEBIAN_TTC);
    expect(attempt).toThrow(/set FENGHUO_PDF_FONT/);
  });

  it('parses font specs', () => {
    expect(parseFontSpec('/f/a.ttf')).toEqual({ file: '/f/a.ttf' });
    expect(parseFontSpec('/f/a.ttc#Face-Name')).toEqual({ file: '/f/a.ttc', face: 'Face-Name' });
    expect(parseFontSpec('/f/a.ttc#')).toEqual({ file: '/f/a.ttc' });
  });
});

// fonts-noto-cjk is what CI installs for Chromium; it exercises a CFF-based collection (FontFile3).
describe.skipIf(!existsSync(DEBIAN_TTC))('a system font collection through FENGHUO_PDF_FONT', () => {
  const doc = {
    title: '警示通报',
    createdAt: new Date(0),
    blocks: [{ type: 'paragraph' as const, text: '中国科学院 Risk level 红色 2026' }],
  };

  it('renders with a named face of the .ttc and extracts the text', async () => {
    const fonts = resolvePdfFonts({ regular: `${DEBIAN_TTC}#NotoSansCJKsc-Regular` });
    const pdf = await renderPdf(doc, { fonts });
    expect(pdf.toString('latin1')).toMatch(/\/FontFile3/);
    expect((await extractPages(pdf)).join(' ')).toContain('中国科学院 Risk level 红色 2026');
  });

  it('explains a missing face name', async () => {
    const fonts = resolvePdfFonts({ regular: DEBIAN_TTC });
    await expect(renderPdf(doc, { fonts })).rejects.toThrow(/needs "#FaceName"/);
    const wrong = resolvePdfFonts({ regular: `${DEBIAN_TTC}#NoSuchFace` });
    await expect(renderPdf(doc, { fonts: wrong })).rejects.toThrow(PdfFontError);
  });
});
