import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** One font file, and for a collection (.ttc/.otc) the PostScript name of the face to use. */
export interface FontFace {
  file: string;
  face?: string;
}

export interface PdfFonts {
  regular: FontFace;
  bold: FontFace;
  /** Where the fonts came from, for logs and the error message. */
  source: 'env' | 'package' | 'system';
}

/** A font that was asked for or looked for and is not there; the message says what to do. */
export class PdfFontError extends Error {}

// Noto Sans SC as static TrueType instances (SIL OFL 1.1), installed by `npm ci` on every machine.
const FONT_PACKAGE = '@expo-google-fonts/noto-sans-sc';
const PACKAGE_REGULAR = '400Regular/NotoSansSC_400Regular.ttf';
const PACKAGE_BOLD = '700Bold/NotoSansSC_700Bold.ttf';

/** Used only when the font package is missing from node_modules (a trimmed deployment). */
export const SYSTEM_FONT_CANDIDATES: readonly { regular: FontFace; bold: FontFace }[] = [
  // Debian, Ubuntu (fonts-noto-cjk)
  {
    regular: { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
    bold: { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', face: 'NotoSansCJKsc-Bold' },
  },
  // Fedora, RHEL (google-noto-sans-cjk-fonts)
  {
    regular: { file: '/usr/share/fonts/google-noto-sans-cjk-fonts/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
    bold: { file: '/usr/share/fonts/google-noto-sans-cjk-fonts/NotoSansCJK-Bold.ttc', face: 'NotoSansCJKsc-Bold' },
  },
  // Arch (noto-fonts-cjk)
  {
    regular: { file: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
    bold: { file: '/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc', face: 'NotoSansCJKsc-Bold' },
  },
];

/** "path/to/font.ttc#NotoSansCJKsc-Regular" → file and face; a plain path has no face. */
export function parseFontSpec(spec: string): FontFace {
  const hash = spec.lastIndexOf('#');
  if (hash <= 0) return { file: spec.trim() };
  const face = spec.slice(hash + 1).trim();
  return face ? { file: spec.slice(0, hash).trim(), face } : { file: spec.slice(0, hash).trim() };
}

/** The font package's folder, found the way Node finds a dependency of the app in the working folder. */
export function findFontPackage(cwd: string = process.cwd()): string | undefined {
  try {
    const require = createRequire(path.join(cwd, 'package.json'));
    return path.dirname(require.resolve(`${FONT_PACKAGE}/package.json`));
  } catch {
    return undefined;
  }
}

export interface ResolveFontsOptions {
  /** FENGHUO_PDF_FONT: a TTF/OTF file, or a collection with "#FaceName". */
  regular?: string;
  /** FENGHUO_PDF_FONT_BOLD: the same for headings; defaults to the regular font. */
  bold?: string;
  packageDir?: string;
  exists?: (file: string) => boolean;
}

/**
 * Which fonts to embed: FENGHUO_PDF_FONT if set (it must exist), else Noto Sans SC from the npm package,
 * else a system Noto Sans CJK. Throws PdfFontError listing every place looked at.
 */
export function resolvePdfFonts(options: ResolveFontsOptions = {}): PdfFonts {
  const exists = options.exists ?? existsSync;
  const fromEnv = (name: string, spec: string): FontFace => {
    const face = parseFontSpec(spec);
    if (!exists(face.file)) throw new PdfFontError(`${name}: no font file at "${face.file}"`);
    return face;
  };

  if (options.regular) {
    const regular = fromEnv('FENGHUO_PDF_FONT', options.regular);
    return { regular, bold: options.bold ? fromEnv('FENGHUO_PDF_FONT_BOLD', options.bold) : regular, source: 'env' };
  }
  const found = findDefaultFonts(exists, 'packageDir' in options ? options.packageDir : findFontPackage());
  if (options.bold) found.bold = fromEnv('FENGHUO_PDF_FONT_BOLD', options.bold);
  return found;
}

function findDefaultFonts(exists: (file: string) => boolean, packageDir: string | undefined): PdfFonts {
  const tried: string[] = [];
  if (packageDir) {
    const regular = path.join(packageDir, PACKAGE_REGULAR);
    const bold = path.join(packageDir, PACKAGE_BOLD);
    if (exists(regular)) return { regular: { file: regular }, bold: { file: exists(bold) ? bold : regular }, source: 'package' };
    tried.push(regular);
  } else {
    tried.push(`the npm package ${FONT_PACKAGE} (not installed)`);
  }
  for (const { regular, bold } of SYSTEM_FONT_CANDIDATES) {
    if (exists(regular.file)) return { regular, bold: exists(bold.file) ? bold : regular, source: 'system' };
    tried.push(regular.file);
  }
  throw new PdfFontError(
    'No Chinese font for PDF documents. Looked for:\n' +
      tried.map((t) => `  - ${t}`).join('\n') +
      `\nRun \`npm ci\` (it installs ${FONT_PACKAGE}), install fonts-noto-cjk, or set FENGHUO_PDF_FONT to a TTF/OTF file ` +
      '(for a .ttc collection add "#FaceName", e.g. NotoSansCJK-Regular.ttc#NotoSansCJKsc-Regular).',
  );
}
