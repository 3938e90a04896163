import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test } from './fixtures';
import { type Locator, type Page } from '@playwright/test';
import { logIn, one, readDb, subtree } from './helpers';
import { shanghaiYear, yearStart } from '@/domain/time/shanghai';

// Every heatmap's promise: a number in a cell is the number of records in the list it opens, for the
// viewer's scope; "no data" is not drawn as zero; a branch officer sees its branch only.

/** The total a record list says it holds ("共 N 条"), or 0 for its empty state. */
async function listTotal(page: Page): Promise<number> {
  await expect(page.getByTestId('record-list').or(page.getByTestId('empty-state'))).toBeVisible();
  if (await page.getByTestId('empty-state').isVisible()) return 0;
  const text = await page.getByText(/共 \d+ 条/).innerText();
  return Number(/共 (\d+) 条/.exec(text)![1]);
}

/** Opens the first few non-zero cells in turn and checks each against the list it opens. */
async function cellsMatchLists(page: Page, cells: Locator, want: RegExp, samples = 3): Promise<void> {
  const here = page.url();
  const count = Math.min(samples, await cells.count());
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const cell = cells.nth(i);
    const n = Number(await cell.innerText());
    await cell.click();
    await expect(page).toHaveURL(want);
    expect(await listTotal(page), page.url()).toBe(n);
    await page.goto(here);
  }
}

const nonZero = (page: Page, scope = 'body') => page.locator(`${scope} [data-testid="heat-cell"]`).filter({ hasText: /^[1-9]\d*$/ });

test('institutes × domains in counts: each cell equals the list behind it, and "no data" is not zero @pg', async ({ page }) => {
  await logIn(page, 'office');
  await page.goto('/heatmaps?mode=counts&kind=hazards&open=all');
  await expect(page.getByTestId('heatmap-table')).toBeVisible();
  await cellsMatchLists(page, nonZero(page, 'td[data-state="value"]'), /\/records\/hazards\?/);

  // A "no data" cell: the institute has live projects in the domain and filed nothing there this year.
  const noData = page.locator('td[data-state="nodata"]').first();
  await expect(noData).toContainText('无数据');
  const domain = (await noData.getAttribute('data-domain'))!;
  const unit = (await noData.locator('xpath=ancestor::tr').getAttribute('data-unit'))!;
  const db = readDb();
  const ids = subtree(db, unit).join(',');
  const from = yearStart(shanghaiYear(new Date())).getTime();
  const filed =
    one(
      db,
      `SELECT count(*) AS v FROM incidents WHERE unit_id IN (${ids}) AND domain = ? AND occurred_at >= ? AND status <> 'withdrawn'`,
      domain,
      from,
    ) +
    one(
      db,
      `SELECT count(*) AS v FROM hazards WHERE unit_id IN (${ids}) AND domain = ? AND found_at >= ? AND status <> 'withdrawn'`,
      domain,
      from,
    );
  const projects = one(db, `SELECT count(*) AS v FROM projects WHERE unit_id IN (${ids}) AND domain = ? AND status <> 'withdrawn'`, domain);
  db.close();
  expect(filed).toBe(0);
  expect(projects).toBeGreaterThan(0);
  // Drawn as words, never as a number that could be read as zero risk.
  expect(await noData.innerText()).not.toMatch(/\d/);
  await expect(page.getByTestId('heat-legend')).toContainText('无数据');
});

test('institutes × domains in points: a cell equals the sum of the rating lines it opens @pg', async ({ page }) => {
  await logIn(page, 'office');
  await page.goto('/heatmaps?open=all');
  const cell = nonZero(page, 'td[data-state="value"]').first();
  const n = Number(await cell.innerText());
  await cell.click();
  await expect(page).toHaveURL(/\/ratings\/\d{4}\/[^?]+\?domain=/);
  await expect(page.getByTestId('domain-filter')).toContainText(`合计 ${n} 分`);
});

test('points of a year not rated yet say so instead of a table of zeros', async ({ page }) => {
  // 2003 holds no record in the demo, so nothing rates it (decision 045): zeros would read as "safe".
  await logIn(page, 'office');
  await page.goto('/heatmaps?mode=points&year=2003');
  await expect(page.getByTestId('heatmap-empty')).toHaveText('2003 年尚无年度评估结果。');
  await expect(page.getByTestId('heatmap-institutes').locator('table')).toHaveCount(0);
});

test('domains × dimensions, the 5×5 matrix and the months: each cell equals the list behind it', async ({ page }) => {
  await logIn(page, 'office');
  await page.goto('/heatmaps/dimensions?kind=incidents');
  await cellsMatchLists(page, nonZero(page), /\/records\/incidents\?.*dimension=/);
  await page.goto('/heatmaps/dimensions?kind=assessments');
  await cellsMatchLists(page, nonZero(page), /\/records\/assessments\?.*dimension=/, 2);
  await page.goto('/heatmaps/matrix');
  await expect(page.getByTestId('heatmap-grid')).toBeVisible();
  await cellsMatchLists(page, nonZero(page), /\/records\/assessments\?cell=/);
  await page.goto('/heatmaps/calendar?kind=hazards');
  await cellsMatchLists(page, nonZero(page), /\/records\/hazards\?domain=/, 2);
});

test('a branch officer’s heatmaps hold only its branch', async ({ page }) => {
  await logIn(page, 'bj.officer');
  await page.goto('/heatmaps?mode=counts&open=all');
  const groups = page.getByTestId('heatmap-group');
  await expect(groups.first()).toBeVisible();
  expect(await groups.evaluateAll((els) => els.map((e) => e.getAttribute('data-branch')))).toEqual(['BJ']);
  const db = readDb();
  const bj = new Set(
    (
      db
        .prepare("SELECT code FROM units WHERE kind = 'institute' AND path LIKE (SELECT path FROM units WHERE code = 'BJ') || '%'")
        .all() as { code: string }[]
    ).map((r) => r.code),
  );
  db.close();
  const shown = await page.getByTestId('heatmap-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-unit')));
  expect(shown.length).toBe(bj.size);
  for (const code of shown) expect(bj.has(code!)).toBe(true);
  // Its cells open lists that agree, within its scope.
  await cellsMatchLists(page, nonZero(page, 'td[data-state="value"]'), /\/records\/incidents\?/, 2);
});

test('the institutes heatmap exports to XLSX with the rows on screen, and its card to PNG', async ({ page }) => {
  await logIn(page, 'office');
  await page.goto('/heatmaps?mode=counts&open=all');
  const rows = await page.getByTestId('heatmap-row').count();
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-heatmap-institutes').click()]);
  // Named in the reader's language (the ASCII name is the fallback for old browsers).
  expect(xlsx.suggestedFilename()).toMatch(/^\d{4} 年各研究所分领域.+\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync((await xlsx.path())!) as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0]!;
  const header = sheet.getRow(5).values as unknown[];
  expect(header).toContain('单位代码');
  expect(sheet.rowCount - 5).toBe(rows);

  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 PNG' }).click()]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  const bytes = fs.readFileSync((await png.path())!);
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  expect(bytes.length).toBeGreaterThan(10_000);
});

test('heatmaps speak English on the switch', async ({ page }) => {
  await logIn(page, 'leader');
  await page.goto('/heatmaps');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Heatmaps' })).toBeVisible();
  await expect(page.getByTestId('heat-legend')).toContainText('Yellow: 10–24 points');
});
