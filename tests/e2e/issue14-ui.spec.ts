import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test } from './fixtures';
import { fileTierIIIncident, logIn } from './helpers';

// What users met on the dashboards, alerts and record lists (issue 14), checked in Chromium at 1366 px.

test('the login page of a demo says so and names the demo logins, in both languages', async ({ page }) => {
  await page.goto('/login');
  const demo = page.getByTestId('demo-logins');
  await expect(demo).toContainText('演示环境');
  await expect(demo).toContainText('fenghuo-demo');
  for (const login of ['office', 'leader', 'bj.officer', 'bj01.reporter']) await expect(demo).toContainText(login);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByTestId('demo-logins')).toContainText('Demo installation');
});

test('the alerts inbox opens on what needs action: unacknowledged red first', async ({ page }) => {
  await logIn(page, 'office');
  // Something that needs action whatever day the demo was generated on: a tier II incident's red alert.
  await fileTierIIIncident(page, `INC-E2E-INBOX-${Date.now().toString(36)}`);
  await page.goto('/alerts');
  await expect(page.getByTestId('alert-row').first()).toHaveAttribute('data-colour', 'red');
  await expect(page.getByTestId('needs-action')).toBeVisible();
});

test('record references stay on one line in English, and a department names its institute', async ({ page }) => {
  await logIn(page, 'office');
  await page.goto('/records/hazards');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Hazards' })).toBeVisible();
  const lines = await page
    .getByTestId('record-list')
    .locator('tbody tr td:first-child a')
    .evaluateAll((as) => as.map((a) => a.getClientRects().length));
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.every((n) => n === 1)).toBe(true);
  await expect(page.getByTestId('severity-cell').first()).toBeVisible();
  await expect(page.getByTestId('due-cell').first()).toBeVisible();
});

test('the ratings table downloads as XLSX with the rows on screen', async ({ page }) => {
  await logIn(page, 'office');
  await page.goto('/ratings');
  const rows = await page.getByTestId('ratings-table').locator('tbody tr').count();
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-ratings').click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync((await xlsx.path())!) as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).join('');
  expect(header).toMatch(/年度评估/);
  const headerRow = sheet.getSheetValues().findIndex((r) => Array.isArray(r) && r[1] === '单位');
  expect(sheet.rowCount - headerRow).toBe(rows);
});

test('the institutes heatmap shows heat with every branch closed, and offers the record kind only with counts', async ({ page }) => {
  await logIn(page, 'office');
  await page.goto('/heatmaps');
  await expect(page.getByTestId('heatmap-row')).toHaveCount(0);
  const bands = await page.getByTestId('branch-cell').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-band')));
  expect(bands).toContain('red');
  await expect(page.locator('select[name="kind"]')).toHaveCount(0);
  await page.goto('/heatmaps?mode=counts');
  await expect(page.locator('select[name="kind"]')).toHaveCount(1);
});

test('dashboards prefetch what a reader is likely to open, not every cell', async ({ page }) => {
  await logIn(page, 'office');
  for (const [path, most] of [
    ['/heatmaps/calendar', 40],
    ['/', 40],
  ] as const) {
    let prefetches = 0;
    const count = (r: { url(): string; headers(): Record<string, string> }) => {
      if (r.headers()['next-router-prefetch'] || /[?&]_rsc=/.test(r.url())) prefetches++;
    };
    page.on('request', count);
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(2000);
    page.off('request', count);
    expect(prefetches, path).toBeLessThanOrEqual(most);
  }
});

test('the monthly calendar opens on the latest months at 1366 px, says the earlier ones are to the left, and a small count is visible', async ({
  page,
}) => {
  await logIn(page, 'office');
  await page.goto('/heatmaps/calendar');
  await expect(page.getByTestId('scroll-hint')).toBeVisible();
  const grid = page.getByTestId('heatmap-grid');
  const headers = grid.locator('thead th');
  const count = await headers.count();
  // The last month's column (before the totals) is on screen without scrolling, and the earlier ones lie
  // to the left, scrolled out of the box.
  const box = (await page.getByTestId('heatmap-grid-scroll').boundingBox())!;
  const last = (await headers.nth(count - 2).boundingBox())!;
  expect(last.x + last.width).toBeLessThanOrEqual(box.x + box.width + 1);
  expect(await page.getByTestId('heatmap-grid-scroll').evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  const first = (await headers.nth(1).boundingBox())!;
  expect(first.x + first.width).toBeLessThanOrEqual(box.x + 1);
  // The lowest band is a visible grey, not near-white.
  const lowest = grid.locator('td.bg-slate-300').first();
  if (await lowest.count()) {
    const rgb = await lowest.evaluate((el) => getComputedStyle(el).backgroundColor);
    const [r, g, b] = rgb.match(/\d+/g)!.map(Number);
    expect((r! + g! + b!) / 3).toBeLessThan(225);
  }
});
