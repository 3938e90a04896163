import { expect, test } from './fixtures';
import { type Page } from '@playwright/test';
import { logIn, one, readDb, subtree } from './helpers';
import { shanghaiYear, yearStart } from '@/domain/time/shanghai';

async function kpi(page: Page, id: string): Promise<number> {
  const text = await page.getByTestId(id).locator('p').nth(1).innerText();
  return Number(text.replace(/,/g, ''));
}

function expected(unitIds: number[] | null) {
  const db = readDb();
  const now = Date.now();
  const from = yearStart(shanghaiYear(new Date(now))).getTime();
  // Year to date counts whole days, as the record lists do: through the end of today in Beijing.
  const endOfToday = from + (Math.floor((now - from) / 86_400_000) + 1) * 86_400_000;
  const inScope = (col: string) => (unitIds ? `AND ${col} IN (${unitIds.join(',')})` : '');
  const result = {
    institutes: one(db, `SELECT count(*) AS v FROM units WHERE kind = 'institute' ${inScope('id')}`),
    incidents: one(
      db,
      `SELECT count(*) AS v FROM incidents WHERE occurred_at >= ? AND occurred_at < ? AND status != 'withdrawn' ${inScope('unit_id')}`,
      from,
      endOfToday,
    ),
    serious: one(
      db,
      `SELECT count(*) AS v FROM incidents WHERE (tier <= 3 OR deaths >= 3 OR serious_injuries >= 10 OR direct_loss_cny >= 10000000) AND occurred_at >= ? AND occurred_at < ? AND status != 'withdrawn' ${inScope('unit_id')}`,
      from,
      endOfToday,
    ),
    open: one(db, `SELECT count(*) AS v FROM hazards WHERE rectified_at IS NULL AND status = 'open' ${inScope('unit_id')}`),
    overdue: one(
      db,
      `SELECT count(*) AS v FROM hazards WHERE rectified_at IS NULL AND status = 'open' AND due_at < ? ${inScope('unit_id')}`,
      now,
    ),
    hazards: one(db, `SELECT count(*) AS v FROM hazards WHERE 1 = 1 ${inScope('unit_id')}`),
  };
  db.close();
  return result;
}

test('the office sees the whole academy’s seeded figures, and the chart draws', async ({ page }) => {
  await logIn(page, 'office');
  const want = expected(null);
  expect(want.institutes).toBeGreaterThanOrEqual(90);
  expect(await kpi(page, 'kpi-institutes')).toBe(want.institutes);
  expect(await kpi(page, 'kpi-incidents')).toBe(want.incidents);
  expect(await kpi(page, 'kpi-serious')).toBe(want.serious);
  expect(await kpi(page, 'kpi-open-hazards')).toBe(want.open);
  expect(await kpi(page, 'kpi-overdue')).toBe(want.overdue);
  await expect(page.getByTestId('records-by-kind').locator('tr[data-kind="hazards"] td')).toHaveText(String(want.hazards));
  // The domain table adds up to the KPI, and the chart has bars once hydrated.
  const totals = await page.getByTestId('incidents-by-domain').locator('tbody tr td:last-child').allInnerTexts();
  expect(totals.reduce((s, x) => s + Number(x), 0)).toBe(want.incidents);
  await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(page.getByText('Ⅰ级 特别重大').first()).toBeVisible();
});

test('an institute reporter sees only its institute’s figures', async ({ page }) => {
  await logIn(page, 'bj01.reporter');
  const db = readDb();
  const ids = subtree(db, 'BJ01');
  db.close();
  const want = expected(ids);
  expect(await kpi(page, 'kpi-institutes')).toBe(1);
  expect(await kpi(page, 'kpi-incidents')).toBe(want.incidents);
  expect(await kpi(page, 'kpi-open-hazards')).toBe(want.open);
  await expect(page.getByTestId('records-by-kind').locator('tr[data-kind="hazards"] td')).toHaveText(String(want.hazards));
  await expect(page.getByTestId('units-by-kind').locator('tr[data-kind="branch"] td')).toHaveText('0');
});

test('a branch officer sees its branch only', async ({ page }) => {
  await logIn(page, 'bj.officer');
  const db = readDb();
  const want = expected(subtree(db, 'BJ'));
  db.close();
  expect(await kpi(page, 'kpi-institutes')).toBe(want.institutes);
  expect(await kpi(page, 'kpi-incidents')).toBe(want.incidents);
  await expect(page.getByTestId('units-by-kind').locator('tr[data-kind="branch"] td')).toHaveText('1');
});

test('the overview’s cards: year-to-date counts open their lists, levels in words, alerts or their empty state', async ({ page }) => {
  await logIn(page, 'leader');
  const ytd = page.getByTestId('card-ytd');
  await expect(ytd).toBeVisible();
  const link = ytd.locator('tr[data-row="general"] [data-testid="ytd-count"]');
  const n = Number(await link.innerText());
  await link.click();
  await expect(page).toHaveURL(/\/records\/hazards\?.*severity=general/);
  await expect(page.getByText(new RegExp(`共 ${n} 条`))).toBeVisible();
  await page.goto('/');
  // This year's and last year's levels, each segment named in words, adding up to the institutes rated.
  const db = readDb();
  const year = shanghaiYear(new Date());
  const rated = one(db, "SELECT count(*) AS v FROM ratings WHERE year = ? AND status = 'provisional'", year);
  db.close();
  const segments = page.getByTestId('levels-now').locator('[data-level]');
  const texts = await segments.allInnerTexts();
  expect(texts.every((x) => /^[蓝黄橙红] \d+$/.test(x))).toBe(true);
  expect(texts.reduce((s, x) => s + Number(x.split(' ')[1]), 0)).toBe(rated);
  await expect(page.getByTestId('card-alerts')).toBeVisible();
  await expect(page.getByTestId('card-trend').locator('.recharts-bar-rectangle').first()).toBeVisible();
});
