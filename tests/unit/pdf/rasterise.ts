import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface Raster {
  width: number;
  height: number;
  /** RGBA, row by row. */
  data: Uint8ClampedArray;
  png: () => Buffer;
}

/**
 * Renders one page of a PDF to pixels with PDF.js and @napi-rs/canvas (both already in node_modules; no
 * poppler on CI). Glyphs are drawn from the embedded font as paths, as any viewer would.
 */
export async function rasterisePage(pdf: Buffer, pageNumber: number, scale = 2): Promise<Raster> {
  const task = getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, disableFontFace: true, verbosity: 0 });
  const document = await task.promise;
  try {
    const page = await document.getPage(pageNumber);
    const viewport = page.getViewport({ scale });
    const factory = (document as unknown as { canvasFactory: { create: (w: number, h: number) => { canvas: unknown; context: unknown } } })
      .canvasFactory;
    const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
    await page.render({ canvasContext: context as CanvasRenderingContext2D, canvas: canvas as HTMLCanvasElement, viewport }).promise;
    const c = canvas as { width: number; height: number; toBuffer: (mime: string) => Buffer };
    const ctx = context as CanvasRenderingContext2D;
    const image = ctx.getImageData(0, 0, c.width, c.height);
    return { width: c.width, height: c.height, data: image.data, png: () => c.toBuffer('image/png') };
  } finally {
    await task.destroy();
  }
}

/** How many pixels are within `tolerance` (per channel) of the hex colour. */
export function countColour(raster: Raster, hex: string, tolerance = 6): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  let n = 0;
  for (let i = 0; i < raster.data.length; i += 4) {
    if (
      Math.abs(raster.data[i]! - r) <= tolerance &&
      Math.abs(raster.data[i + 1]! - g) <= tolerance &&
      Math.abs(raster.data[i + 2]! - b) <= tolerance
    )
      n++;
  }
  return n;
}
