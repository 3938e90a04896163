import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { logIn } from './helpers';

// Issue 14 item 11: "Download PNG" drew every bar solid black, because html-to-image copies computed styles
// onto the HTML it clones but deep-clones an <svg> as it is, so the Tailwind classes that colour the bars
// did not reach the picture. The picture is decoded here (in Chromium's canvas) and its pixels compared
// with the colours on screen.

interface Pixels {
  width: number;
  height: number;
  /** Pixels within 12 of the colour of the chart's first bar on screen. */
  barColour: number;
  /** Pure black pixels: nothing in these charts is drawn black. */
  black: number;
}

async function decode(page: Page, file: string, rgb: [number, number, number]): Promise<Pixels> {
  const b64 = fs.readFileSync(file).toString('base64');
  return page.evaluate(
    async ({ b64, rgb }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, img.width, img.height).data;
      let barColour = 0;
      let black = 0;
      for (let i = 0; i < d.length; i += 4) {
        const [r, g, b] = [d[i]!, d[i + 1]!, d[i + 2]!];
        if (Math.abs(r - rgb[0]) <= 12 && Math.abs(g - rgb[1]) <= 12 && Math.abs(b - rgb[2]) <= 12) barColour++;
        if (r <= 5 && g <= 5 && b <= 5) black++;
      }
      return { width: img.width, height: img.height, barColour, black };
    },
    { b64, rgb },
  );
}

async function firstBarColour(page: Page, card: string): Promise<[number, number, number]> {
  const fill = await page
    .getByTestId(card)
    .locator('.recharts-bar-rectangle rect')
    .first()
    .evaluate((el) => getComputedStyle(el).fill);
  const m = fill.match(/\d+/g)!.map(Number);
  return [m[0]!, m[1]!, m[2]!];
}

for (const { path, card, label } of [
  { path: '/', card: 'card-trend', label: 'overview trend' },
  { path: '/domains/drones', card: 'trend-card', label: 'domain trend' },
]) {
  test(`the ${label} chart downloads as a PNG in the colours on screen, labels whole`, async ({ page }) => {
    await logIn(page, 'office');
    await page.goto(path);
    await expect(page.getByTestId(card).locator('.recharts-bar-rectangle rect').first()).toBeVisible();
    const rgb = await firstBarColour(page, card);
    expect(rgb).not.toEqual([0, 0, 0]);
    const box = (await page.getByTestId(card).boundingBox())!;
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId(card).getByRole('button', { name: '下载 PNG' }).click(),
    ]);
    fs.mkdirSync('.tmp/screens', { recursive: true });
    fs.copyFileSync((await png.path())!, `.tmp/screens/chart-${card}.png`);
    const pixels = await decode(page, (await png.path())!, rgb);
    // Twice the screen's resolution.
    expect(pixels.width).toBe(Math.round(box.width * 2));
    // The legend's swatch alone has a few hundred; the bars have thousands.
    expect(pixels.barColour).toBeGreaterThan(3000);
    expect(pixels.black).toBeLessThan(50);
  });
}
