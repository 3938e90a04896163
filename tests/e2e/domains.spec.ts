import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test } from './fixtures';
import { type Page } from '@playwright/test';
import { logIn, one, readDb, subtree } from './helpers';
import { shanghaiYear, yearStart } from '@/domain/time/shanghai';

// Domain and unit pages on the demo academy: every number opens a list with as many rows, scope holds,
// tables download as XLSX with the rows on screen, charts as PNG.
const YEAR = shanghaiYear(new Date());

/** The domain with the most incidents this year (the demo has a drone surge). */
function busiestDomain(): string {
  const db = readDb();
  const code = one<string>(
    db,
    "SELECT domain AS v FROM incidents WHERE occurred_at >= ? AND status != 'withdrawn' GROUP BY domain ORDER BY count(*) DESC LIMIT 1",
    yearStart(YEAR).getTime(),
  );
  db.close();
  return code;
}

/** The total the record list says it holds ("共 N 条…" / "N records…"), 0 for its empty state. */
async function listTotal(page: Page): Promise<number> {
  await expect(page.getByTestId('list-filters')).toBeVisible();
  if (await page.getByTestId('empty-state').isVisible()) return 0;
  const text = await page.getByTestId('pagination-summary').innerText();
  return Number(/\d[\d,]*/.exec(text)![0].replace(/,/g, ''));
}

async function figure(page: Page, id: string): Promise<number> {
  return Number(await page.getByTestId(id).locator('[data-value]').getAttribute('data-value'));
}

test('each figure of a domain page equals the number of records its list shows', async ({ page }) => {
  const domain = busiestDomain();
  await logIn(page, 'office');
  await page.goto(`/domains/${domain}`);
  for (const id of ['fig-incidents', 'fig-serious', 'fig-hazards', 'fig-open-major']) {
    const n = await figure(page, id);
    await page.getByTestId(id).click();
    await expect(page).toHaveURL(/\/records\/(incidents|hazards)\?/);
    expect(await listTotal(page), id).toBe(n);
    await page.goBack();
  }
  expect(await figure(page, 'fig-incidents')).toBeGreaterThan(0);
  // The index's number for the same domain opens the same list.
  await page.goto('/domains');
  const cell = page.getByTestId('domain-index').locator(`tr[data-domain="${domain}"] td[data-col="incidents"] a`);
  const incidents = Number((await cell.innerText()).replace(/,/g, ''));
  await cell.click();
  expect(await listTotal(page)).toBe(incidents);
  // A level count of the assessments card opens as many assessments.
  await page.goto(`/domains/${domain}`);
  const level = page.getByTestId('level-mix').locator('a[data-count]').first();
  if ((await level.count()) > 0) {
    const n = Number(await level.getAttribute('data-count'));
    await level.click();
    expect(await listTotal(page)).toBe(n);
  }
});

test('a branch officer’s ranking lists only its branch’s institutes', async ({ page }) => {
  const domain = busiestDomain();
  const db = readDb();
  const bj = new Set(
    (
      db.prepare(`SELECT code FROM units WHERE kind = 'institute' AND id IN (${subtree(db, 'BJ').join(',')})`).all() as { code: string }[]
    ).map((r) => r.code),
  );
  db.close();
  await logIn(page, 'bj.officer');
  await page.goto(`/domains/${domain}`);
  const codes = await page
    .getByTestId('domain-units')
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-unit')!));
  expect(codes.length).toBeGreaterThan(0);
  for (const code of codes) expect(bj.has(code), code).toBe(true);
  // No branch choice for someone who sees one branch.
  await expect(page.getByLabel('分院')).toHaveCount(0);
});

function overdueUnit(): string {
  const db = readDb();
  const code = one<string>(
    db,
    `SELECT u.code AS v FROM hazards h JOIN units u ON u.id = h.institute_id
     WHERE h.status = 'open' AND h.rectified_at IS NULL AND h.due_at < ? AND u.code != 'BJ01' ORDER BY h.due_at LIMIT 1`,
    Date.now(),
  );
  db.close();
  return code;
}

test('a unit page shows overdue hazards with their days', async ({ page }) => {
  const code = overdueUnit();
  await logIn(page, 'office');
  await page.goto(`/units/${code}`);
  const first = page.getByTestId('unit-open-hazards').locator('tbody tr').first();
  expect(Number(await first.getAttribute('data-days'))).toBeGreaterThan(0);
  await expect(first.getByTestId('due-state')).toHaveText(/^逾期 \d+ 天$/);
  await expect(page.getByTestId('unit-ethics').or(page.getByTestId('no-ethics'))).toBeVisible();
  await expect(page.getByTestId('rating-why').first()).toBeVisible();
});

test('another institute’s unit page is refused to a reporter', async ({ page }) => {
  const code = overdueUnit();
  await logIn(page, 'bj01.reporter');
  await page.goto(`/units/${code}`);
  await expect(page.getByTestId('refusal')).toBeVisible();
  await expect(page.getByTestId('unit-open-hazards')).toHaveCount(0);
  expect((await page.request.get(`/export/unit-open-hazards?unit=${code}`)).status()).toBe(404);
});

test('a table downloads as XLSX with the rows on screen, a chart as PNG, and the page speaks English', async ({ page }) => {
  const domain = busiestDomain();
  await logIn(page, 'office');
  await page.goto(`/domains/${domain}`);
  const screen = await page
    .getByTestId('domain-units')
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-unit')!));

  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-domain-units').click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(await xlsx.path()) as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0]!;
  const header = sheet.getSheetValues().findIndex((r) => Array.isArray(r) && r[1] === '序号');
  expect(header).toBeGreaterThan(0);
  const codes = sheet
    .getSheetValues()
    .slice(header + 1)
    .filter(Array.isArray)
    .map((r) => String(r[3]));
  expect(codes).toEqual(screen);
  // The ranking shows its head; the whole of it is one click away.
  if (await page.getByTestId('units-all').isVisible()) {
    expect(screen).toHaveLength(20);
    await page.getByTestId('units-all').click();
    await expect(page.getByTestId('domain-units').locator('tbody tr')).not.toHaveCount(20);
    await page.goBack();
  }

  await expect(page.getByTestId('trend-card').locator('.recharts-bar-rectangle').first()).toBeVisible();
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('trend-card').getByRole('button', { name: '下载 PNG' }).click(),
  ]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  const bytes = fs.readFileSync(await png.path());
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.length).toBeGreaterThan(5_000);

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByTestId('fig-open-major')).toContainText('Open major hazards');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.goto('/domains');
  await expect(page.getByRole('heading', { level: 1, name: 'Sensitive domains' })).toBeVisible();
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '敏感领域' })).toBeVisible();
});

// Screenshots for a person to look at (1366×768, zh and en): SCREENSHOTS=1 to take them into .tmp/screens.
test('screenshots', async ({ page }) => {
  test.skip(!process.env.SCREENSHOTS, 'only on request');
  const domain = busiestDomain();
  fs.mkdirSync('.tmp/screens', { recursive: true });
  await logIn(page, 'office');
  for (const lang of ['zh', 'en']) {
    if (lang === 'en') {
      await page.getByRole('button', { name: 'English' }).click();
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    }
    for (const [name, url] of [
      ['domains', '/domains'],
      ['domain', `/domains/${domain}`],
      ['unit', '/units/BJ01'],
    ]) {
      await page.goto(url!);
      if (name === 'domain') await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible();
      await page.screenshot({ path: `.tmp/screens/${name}-${lang}.png`, fullPage: false });
      await page.screenshot({ path: `.tmp/screens/${name}-${lang}-full.png`, fullPage: true });
    }
  }
});
