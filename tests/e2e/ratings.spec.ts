import { expect, test } from './fixtures';
import { type Page } from '@playwright/test';
import type { SpecDb } from './e2e-db';
import { logIn, one, readDb, subtree } from './helpers';
import { shanghaiYear } from '@/domain/time/shanghai';

// The annual rating pages on the demo academy: last year's ratings (final until the office publishes them,
// which the last test does, so the tests of this file run in order).
test.describe.configure({ mode: 'default' });

const YEAR = shanghaiYear(new Date()) - 1;
const words = { blue: '蓝', yellow: '黄', orange: '橙', red: '红' } as const;
type Level = keyof typeof words;

/** The stored ratings that stand for last year: published if published, else final. */
function stored(db: SpecDb): { code: string; level: Level; id: number }[] {
  const status = one<number>(db, "SELECT count(*) AS v FROM ratings WHERE year = ? AND status = 'published'", YEAR) ? 'published' : 'final';
  return db
    .prepare(
      'SELECT u.code, r.level, r.id FROM ratings r JOIN units u ON u.id = r.institute_id WHERE r.year = ? AND r.status = ? ORDER BY u.code',
    )
    .all(YEAR, status) as { code: string; level: Level; id: number }[];
}

// Within #main: while React streams a page, a part not yet revealed waits in a hidden copy at the end of the
// body, which a strict locator would also find.
async function openYear(page: Page, query = '') {
  await page.goto(`/ratings?year=${YEAR}${query}`);
  await expect(page.locator('#main').getByTestId('year-status')).toBeVisible();
}

const rowCodes = (page: Page) =>
  page
    .getByTestId('ratings-table')
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-unit')!));

test('the office sees last year’s table with every level in words, and counts equal to the database’s @pg', async ({ page }) => {
  await logIn(page, 'office');
  await openYear(page);
  const db = readDb();
  const rows = stored(db);
  db.close();
  expect(rows.length).toBeGreaterThan(50);
  for (const level of Object.keys(words) as Level[]) {
    const n = rows.filter((r) => r.level === level).length;
    expect(n, level).toBeGreaterThan(0);
    await expect(page.getByTestId('level-summary').locator(`li[data-level="${level}"]`)).toHaveText(`${words[level]}：${n} 个`);
  }
  expect((await rowCodes(page)).sort()).toEqual(rows.map((r) => r.code).sort());
  // Each row's level is a badge with its word, never a colour alone.
  for (const level of Object.keys(words) as Level[]) {
    const badges = page.getByTestId('ratings-table').locator(`tbody tr[data-level="${level}"] td:nth-child(3) [data-level="${level}"]`);
    await expect(badges.first()).toHaveText(words[level]);
  }
  await expect(page.getByTestId('ratings-table').locator('thead')).toContainText('较上年');
});

test('filtering by level keeps the choice in the URL', async ({ page }) => {
  await logIn(page, 'office');
  await openYear(page);
  await page.getByLabel('等级', { exact: true }).selectOption('red');
  await page.getByRole('button', { name: '筛选' }).click();
  await expect(page).toHaveURL(/[?&]level=red/);
  await expect(page).toHaveURL(new RegExp(`[?&]year=${YEAR}`));
  const db = readDb();
  const reds = stored(db).filter((r) => r.level === 'red');
  db.close();
  await expect(page.getByTestId('ratings-table').locator('tbody tr')).toHaveCount(reds.length);
  expect((await rowCodes(page)).sort()).toEqual(reds.map((r) => r.code).sort());
  await page.reload();
  await expect(page.getByLabel('等级', { exact: true })).toHaveValue('red');
  await expect(page.getByTestId('ratings-table').locator('tbody tr')).toHaveCount(reds.length);
});

test('a unit’s rating page explains every contribution in a sentence whose link opens the record @pg', async ({ page }) => {
  await logIn(page, 'office');
  await openYear(page);
  const db = readDb();
  const unit = db
    .prepare(
      `SELECT u.code AS code, r.points AS points, count(c.id) AS n FROM ratings r JOIN units u ON u.id = r.institute_id
       JOIN rating_contributions c ON c.rating_id = r.id WHERE r.year = ? AND r.status = 'final' AND r.level = 'red'
       GROUP BY r.id, u.code, r.points ORDER BY n DESC LIMIT 1`,
    )
    .get(YEAR) as { code: string; points: number; n: number };
  db.close();
  await page.getByTestId('ratings-table').locator(`tr[data-unit="${unit.code}"] a`).first().click();
  await expect(page).toHaveURL(new RegExp(`/ratings/${YEAR}/${unit.code}$`));
  await expect(page.getByTestId('rating-summary')).toContainText(`${unit.points} 分`);
  await expect(page.getByTestId('rating-summary')).toContainText('cas-2019-v1');
  // Summarised by rule: every contribution is counted in its rule's group, each group shows its first lines.
  const groups = page.getByTestId('rule-group');
  const counts = (await groups.evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('data-count'))))) as number[];
  expect(counts.reduce((a, b) => a + b, 0)).toBe(unit.n);
  const lines = page.getByTestId('contributions').locator('li[data-detailed]');
  await expect(lines).toHaveCount(counts.reduce((a, n) => a + Math.min(n, 5), 0));
  await expect(page.getByTestId('contributions-total')).toHaveText(`合计 ${unit.points} 分`);
  // An incident line reads as a sentence with its tier, local date, points and floor in words.
  await expect(lines.first().getByTestId('sentence')).toHaveText(/^事件 \S+（(特别重大|重大|较大|一般)，\d{4}-\d{2}-\d{2}[）；].*：\+\d+/);
  const link = lines.first().getByTestId('record-link');
  const ref = await link.innerText();
  await link.click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(ref);
  await expect(page.getByTestId('record-detail')).toBeVisible();
});

test('a branch officer sees only its branch’s institutes, and is refused another branch’s rating', async ({ page }) => {
  await logIn(page, 'bj.officer');
  await openYear(page);
  const db = readDb();
  const bj = new Set(subtree(db, 'BJ'));
  const expected = (db.prepare("SELECT id, code FROM units WHERE kind = 'institute'").all() as { id: number; code: string }[])
    .filter((u) => bj.has(u.id))
    .map((u) => u.code)
    .filter((code) => stored(db).some((r) => r.code === code));
  db.close();
  expect(expected.length).toBeGreaterThan(0);
  expect((await rowCodes(page)).sort()).toEqual(expected.sort());
  await expect(page.getByTestId('publish')).toHaveCount(0);
  await page.goto(`/ratings/${YEAR}/SH01`);
  await expect(page.getByTestId('refusal')).toBeVisible();
  await expect(page.getByText('SH01')).toHaveCount(0);
});

test('a reporter sees only its institute and no publish button', async ({ page }) => {
  await logIn(page, 'bj01.reporter');
  await openYear(page);
  expect(await rowCodes(page)).toEqual(['BJ01']);
  await expect(page.getByTestId('publish')).toHaveCount(0);
  await expect(page.getByTestId('recompute')).toHaveCount(0);
  await page.goto('/ratings/warning-list');
  await expect(page.getByTestId('add-warning-entry')).toHaveCount(0);
  await page.goto('/ratings/rules');
  await expect(page.getByTestId('rule-set-text')).toContainText('Ⅲ级（较大）事件每起 20 分，底线 橙');
  await expect(page.getByTestId('copy-rule-set')).toHaveCount(0);
});

test('the office publishes last year after confirming the counts per level, and the page says so @pg', async ({ page }) => {
  await logIn(page, 'office');
  await openYear(page);
  const db = readDb();
  const rows = stored(db);
  db.close();
  const count = (l: Level) => rows.filter((r) => r.level === l).length;

  await page
    .getByTestId('publish')
    .getByRole('button', { name: `发布 ${YEAR} 年度评估` })
    .click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`确认发布 ${YEAR} 年度评估？`);
  await expect(dialog).toContainText(
    `将发布 ${rows.length} 个研究所的评估结果：蓝 ${count('blue')} 个、黄 ${count('yellow')} 个、橙 ${count('orange')} 个、红 ${count('red')} 个`,
  );
  await dialog.getByRole('button', { name: '确认发布' }).click();

  await expect(page.locator('#main').getByTestId('year-status')).toHaveAttribute('data-status', 'published');
  await expect(page.locator('#main').getByTestId('year-status')).toHaveText(
    new RegExp(`${YEAR} 年度评估已于 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} 由 院安委办 发布。`),
  );
  await expect(page.getByTestId('publish')).toHaveCount(0);

  const after = readDb();
  expect(one(after, "SELECT count(*) AS v FROM ratings WHERE year = ? AND status = 'published'", YEAR)).toBe(rows.length);
  expect(one(after, "SELECT count(*) AS v FROM audit_log WHERE action = 'ratings.publish' AND entity_id = ?", YEAR)).toBe(1);
  after.close();

  // Red units are proposed for the warning list.
  await page.goto('/ratings/warning-list?status=proposed');
  await expect(page.getByTestId('warning-list').locator('tbody tr')).toHaveCount(count('red'));
});

test('the office confirms a proposed warning-list entry and lifts it, each after a dialog; the unit page shows it', async ({ page }) => {
  await logIn(page, 'office');
  await page.goto('/ratings/warning-list?status=proposed');
  const row = page.getByTestId('warning-list').locator('tbody tr').first();
  const code = (await row.locator('td').first().locator('span').innerText()).trim();
  const id = await row.getAttribute('data-entry');

  await row.getByRole('button', { name: '确认列入' }).click();
  await expect(page.getByRole('dialog')).toContainText('列入警示名录？');
  await page.getByRole('dialog').getByRole('button', { name: '确认列入' }).click();
  // The dialog closes once the action has succeeded; leaving earlier would cancel it.
  await expect(page.getByRole('dialog')).toBeHidden();
  await page.goto('/ratings/warning-list?status=confirmed');
  const confirmed = page.locator(`tr[data-entry="${id}"]`);
  await expect(confirmed).toHaveAttribute('data-status', 'confirmed');
  await expect(confirmed).toContainText('院安委办');

  await page.goto(`/units/${code}`);
  await expect(page.getByTestId('unit-warning-entries').locator(`tr[data-entry="${id}"]`)).toContainText('已列入');
  await expect(page.getByTestId('rating-history').locator(`tr[data-year="${YEAR}"]`)).toContainText('已发布');

  await page.getByTestId('unit-warning-entries').locator(`tr[data-entry="${id}"]`).getByRole('button', { name: '移出' }).click();
  await expect(page.getByRole('dialog')).toContainText('条目不会被删除');
  await page.getByRole('dialog').getByRole('button', { name: '移出' }).click();
  await expect(page.getByTestId('unit-warning-entries').locator(`tr[data-entry="${id}"]`)).toHaveAttribute('data-status', 'lifted');
  const db = readDb();
  expect(one(db, "SELECT count(*) AS v FROM audit_log WHERE entity_kind = 'warning_list_entry' AND entity_id = ?", Number(id))).toBe(3);
  db.close();
});

test('the office copies the rule set, is told which number is wrong, saves and activates the copy', async ({ page }) => {
  await logIn(page, 'office');
  await page.goto('/ratings/rules');
  await page.getByLabel('新版本名称').fill('e2e-v2');
  await page.getByRole('button', { name: '复制', exact: true }).click();
  await expect(page).toHaveURL(/\/ratings\/rules\/e2e-v2$/);

  await page.getByLabel('黄色起始分数').fill('30');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByLabel('橙色起始分数')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('必须大于黄色起始分数（30）。')).toBeVisible();
  await expect(page.getByLabel('黄色起始分数')).toHaveValue('30');

  await page.getByLabel('黄色起始分数').fill('12');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已保存 e2e-v2。')).toBeVisible();
  await expect(page.getByTestId('rule-set-text')).toContainText('按分数：蓝 0–11 分，黄 12–24 分');

  await page.getByTestId('activate').getByRole('button', { name: '启用此版本' }).click();
  await expect(page.getByRole('dialog')).toContainText('启用规则版本 e2e-v2？');
  await page.getByRole('dialog').getByRole('button', { name: '确认启用' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await page.goto('/ratings/rules');
  await expect(page.locator('h1 + p')).toHaveText('现行版本 e2e-v2');
  await expect(page.getByTestId('rule-set-versions').locator('tr[data-version="e2e-v2"]')).toContainText('现行');

  // Back to the default, so the rest of the suite rates with it; the published year kept its version.
  await page.goto('/ratings/rules/cas-2019-v1');
  await page.getByTestId('activate').getByRole('button', { name: '启用此版本' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确认启用' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await page.goto('/ratings/rules');
  await expect(page.locator('h1 + p')).toHaveText('现行版本 cas-2019-v1');
  const db = readDb();
  expect(
    one(db, "SELECT count(*) AS v FROM ratings WHERE year = ? AND status = 'published' AND rule_set_version != 'cas-2019-v1'", YEAR),
  ).toBe(0);
  db.close();
});
