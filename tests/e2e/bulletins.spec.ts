import { expect, test } from './fixtures';
import { logIn, readDb } from './helpers';

// The server generated last month's bulletin at start (catch-up on a fresh database with the demo data).
function lastMonthInShanghai(): string {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' })
    .format(new Date())
    .split('-')
    .map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

test('leadership reads last month’s bulletin, downloads its PDF and switches to English', async ({ page }) => {
  const month = lastMonthInShanghai();
  await logIn(page, 'leader');
  // The catch-up runs as the server starts; give it a moment if the page is opened first.
  await expect(async () => {
    await page.goto('/bulletins');
    await expect(page.locator(`[data-month="${month}"]`)).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByRole('heading', { level: 1, name: '月度预警简报' })).toBeVisible();

  await page.getByRole('link', { name: `${month} 月度预警简报` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${month} 月度预警简报` })).toBeVisible();
  await expect(page.getByTestId('bulletin-scope')).toHaveText('范围：全院。');
  // Every institute of the demo academy is listed with its level in words.
  const db = readDb();
  const institutes = (db.prepare("SELECT count(*) AS n FROM units WHERE kind = 'institute'").get() as { n: number }).n;
  db.close();
  await expect(page.getByTestId('bulletin-units').locator('tbody tr')).toHaveCount(institutes);
  await expect(page.getByTestId('bulletin-units').locator('td span[data-level]').first()).toHaveText(/^(蓝|黄|橙|红)$/);
  // The recharts domain trend is drawn in the browser.
  await expect(page.getByTestId('bulletin-trend-chart').locator('.recharts-line path.recharts-curve').first()).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bulletin-pdf').click()]);
  const path = await download.path();
  const fs = await import('node:fs');
  const bytes = fs.readFileSync(path!);
  expect(bytes.length).toBeGreaterThan(1000);
  expect(bytes.subarray(0, 4).toString()).toBe('%PDF');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Monthly early-warning bulletin ${month}` })).toBeVisible();
  await expect(page.getByTestId('bulletin-scope')).toHaveText('Scope: the whole academy.');
  await expect(page.getByRole('heading', { name: 'Domain trends (incidents + hazards, last 6 months)' })).toBeVisible();
});

test('a branch officer sees only its branch in the bulletin', async ({ page }) => {
  const month = lastMonthInShanghai();
  await logIn(page, 'bj.officer');
  await expect(async () => {
    await page.goto(`/bulletins/${month}`);
    await expect(page.getByTestId('bulletin')).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  const db = readDb();
  const codes = (
    db
      .prepare("SELECT u.code FROM units u JOIN units b ON b.id = u.parent_id WHERE u.kind = 'institute' AND b.code = 'BJ' ORDER BY u.code")
      .all() as { code: string }[]
  ).map((r) => r.code);
  db.close();
  const rows = page.getByTestId('bulletin-units').locator('tbody tr');
  await expect(rows).toHaveCount(codes.length);
  expect((await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-unit')))).sort()).toEqual(codes);
  // Those that need attention first (issue 14 item 13).
  const attention = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-attention')));
  expect(attention).toEqual([...attention].sort((a, b) => (a === b ? 0 : a === 'yes' ? -1 : 1)));
  await expect(page.getByTestId('bulletin-scope')).toContainText('仅显示您范围内的单位');
});

test('the office sets who receives which alert colours and sees the delivery status', async ({ page }) => {
  await logIn(page, 'office');
  await page.goto('/alerts/delivery');
  await expect(page.getByRole('heading', { level: 1, name: '预警推送' })).toBeVisible();
  await expect(page.getByTestId('delivery-channels')).toContainText('未配置');
  const leaderBlue = page.getByRole('checkbox', { name: '院领导: 蓝' });
  await expect(leaderBlue).not.toBeChecked();
  await leaderBlue.check();
  await page.getByRole('button', { name: '保存接收规则' }).click();
  await expect(page.getByText('接收规则已保存。')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('checkbox', { name: '院领导: 蓝' })).toBeChecked();
  await expect(page.getByTestId('delivery-counts')).toBeVisible();
});

test('leadership cannot open the delivery settings', async ({ page }) => {
  await logIn(page, 'leader');
  await page.goto('/alerts/delivery');
  await expect(page.getByTestId('refusal')).toBeVisible();
  await expect(page.getByTestId('delivery-routes')).toHaveCount(0);
});

// Issue 14 item 13: the demo looks like a running installation (the PDF's chart: tests/unit/bulletins/pdf-chart.test.ts).
test('the demo archive holds a year of bulletins, and last month’s counts its alerts', async ({ page }) => {
  const month = lastMonthInShanghai();
  await logIn(page, 'leader');
  await page.goto('/bulletins');
  await expect(page.getByTestId('bulletins-table').locator('tbody tr')).toHaveCount(12);
  await page.goto(`/bulletins/${month}`);
  await expect(page.getByTestId('bulletin-alerts').locator('tbody tr').first()).toBeVisible();
  await expect(page.getByTestId('bulletin-no-alerts')).toHaveCount(0);
});
