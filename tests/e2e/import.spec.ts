import { expect, test } from './fixtures';
import { logIn, one, readDb } from './helpers';

const header =
  '事件编号 (externalId),单位代码 (unitCode),领域 (domain),风险维度 (dimension),事件等级 (tier),发生时间 (occurredAt),报告时间 (reportedAt)';
const csv = (rows: string[]) => Buffer.from(`\uFEFF${[header, ...rows].join('\r\n')}`);
const count = (prefix: string) => {
  const db = readDb();
  const n = one(db, 'SELECT count(*) AS v FROM incidents WHERE external_id LIKE ?', `${prefix}%`);
  db.close();
  return n;
};

test('a reporter imports a spreadsheet through the preview; nothing is stored before confirming @pg', async ({ page }) => {
  await logIn(page, 'bj01.reporter');
  await page.goto('/intake');
  await page.getByRole('link', { name: '表格导入' }).click();
  await expect(page.getByRole('heading', { name: '表格导入' })).toBeVisible();

  await page.getByTestId('import-kind').selectOption('incidents');
  await page.getByTestId('import-file').setInputFiles({
    name: '事件.csv',
    mimeType: 'text/csv',
    buffer: csv([
      'E2E-IMP-1,BJ01,drones,loss,4,2026-03-04T09:30:00+08:00,2026-03-04T11:00:00+08:00',
      'E2E-IMP-2,BJ01,ai,data,3,2026-03-05T09:30:00+08:00,2026-03-05T10:00:00+08:00',
    ]),
  });
  await page.getByRole('button', { name: '上传并预览' }).click();
  await expect(page.getByText('预览（尚未入库）')).toBeVisible();
  await expect(page.getByTestId('import-created')).toHaveText('2');
  expect(count('E2E-IMP-')).toBe(0);

  await page.getByTestId('import-confirm').click();
  await page.getByTestId('import-confirm-yes').click();
  await expect(page.getByText('导入完成')).toBeVisible();
  await expect(page.getByTestId('import-created')).toHaveText('2');
  expect(count('E2E-IMP-')).toBe(2);
});

test('a file with bad rows lists each with its row, column and reason in Chinese, and stores nothing @pg', async ({ page }) => {
  await logIn(page, 'bj01.reporter');
  await page.goto('/intake/import');
  await page.getByTestId('import-kind').selectOption('incidents');
  await page.getByTestId('import-file').setInputFiles({
    name: 'bad.csv',
    mimeType: 'text/csv',
    buffer: csv([
      'E2E-BAD-1,BJ01,drones,loss,4,2026-03-04T09:30:00+08:00,2026-03-04T11:00:00+08:00',
      'E2E-BAD-2,BJ01,astrology,loss,4,2026-03-04T09:30:00+08:00,2026-03-04T11:00:00+08:00',
      'E2E-BAD-3,SH01,drones,loss,4,2026-03-04T09:30:00+08:00,2026-03-04T11:00:00+08:00',
    ]),
  });
  await page.getByRole('button', { name: '上传并预览' }).click();
  const problems = page.getByTestId('import-problems');
  await expect(problems.locator('tr')).not.toHaveCount(0);
  await expect(problems).toContainText('astrology');
  await expect(problems).toContainText('SH01 不在您的管辖范围内');
  await expect(problems.locator('tr td:first-child')).toHaveText(['3', '4']);
  await expect(page.getByTestId('import-confirm')).toHaveCount(0);
  expect(count('E2E-BAD-')).toBe(0);
});

test('templates download as real spreadsheets, only for signed-in users', async ({ page, request }) => {
  await logIn(page, 'bj01.reporter');
  const res = await page.request.get('/intake/import/template?kind=hazards&format=xlsx');
  expect(res.status()).toBe(200);
  expect((await res.body()).subarray(0, 2).toString()).toBe('PK');
  expect((await request.get('/intake/import/template?kind=hazards&format=xlsx')).status()).toBe(401);
});

test('leadership cannot import, by page or by post', async ({ page }) => {
  await logIn(page, 'leader');
  await page.goto('/intake/import');
  await expect(page.getByTestId('refusal')).toBeVisible();
  const post = await page.request.post('/intake/import/upload', {
    multipart: { step: 'preview', kind: 'incidents', file: { name: 'x.csv', mimeType: 'text/csv', buffer: csv([]) } },
  });
  expect(post.status()).toBe(403);
});

// Issue 14 item 4 (decision 033): loading history shows, before anything is stored, how many incidents
// will count as late only because "Reported at" is empty; rows marked "报告时间不详" are not among them, and
// the rating explains them as "report time unknown".
test('a history preview counts the incidents late only by default, and the rating explains the unknown ones', async ({ page }) => {
  const historyHeader = `${header},报告时间不详 (reportTimeUnknown)`;
  const file = (lang: string) => ({
    name: `history-${lang}.csv`,
    mimeType: 'text/csv',
    buffer: Buffer.from(
      `\uFEFF${[
        historyHeader,
        'E2E-HIST-1,BJ01,drones,loss,4,2019-05-04T09:30:00+08:00,,是',
        'E2E-HIST-2,BJ01,drones,loss,4,2019-05-05T09:30:00+08:00,,',
        'E2E-HIST-3,BJ01,ai,data,4,2019-05-06T09:30:00+08:00,,',
      ].join('\r\n')}`,
    ),
  });
  await logIn(page, 'bj01.reporter');
  await page.goto('/intake/import');
  await page.getByTestId('import-kind').selectOption('incidents');
  await page.getByTestId('import-file').setInputFiles(file('zh'));
  await page.getByRole('button', { name: '上传并预览' }).click();
  const warning = page.getByTestId('import-late-by-default');
  await expect(warning).toContainText('2 起事件将计为迟报（每起 +5 分）');
  await expect(warning).toContainText('行号：3、4');
  await warning.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '.tmp/screens/history-preview-zh.png' });
  expect(count('E2E-HIST-')).toBe(0);

  await page.getByRole('button', { name: 'English' }).click();
  await page.getByTestId('import-kind').selectOption('incidents');
  await page.getByTestId('import-file').setInputFiles(file('en'));
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(warning).toContainText('2 incident(s) will count as late (+5 each)');
  await expect(warning).toContainText('Rows: 3, 4');
  await warning.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '.tmp/screens/history-preview-en.png' });

  await page.getByTestId('import-confirm').click();
  await page.getByTestId('import-confirm-yes').click();
  await expect(page.getByTestId('import-created')).toHaveText('3');
  await page.goto('/ratings/2019/BJ01');
  await expect(page.getByText(/E2E-HIST-1 .*report time unknown/)).toBeVisible();
  await expect(page.getByText(/E2E-HIST-2 .*reported late/)).toBeVisible();
  await page.getByText(/E2E-HIST-1 .*report time unknown/).scrollIntoViewIfNeeded();
  await page.screenshot({ path: '.tmp/screens/history-rating-en.png' });
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByText(/E2E-HIST-1.*报告时间不详/)).toBeVisible();
  await page.getByText(/E2E-HIST-1.*报告时间不详/).scrollIntoViewIfNeeded();
  await page.screenshot({ path: '.tmp/screens/history-rating-zh.png' });
  // The record page says "report time unknown" where it would say "reported late".
  await page.getByRole('link', { name: 'E2E-HIST-1' }).click();
  await expect(page.getByTestId('report-time-unknown')).toHaveText('报告时间不详（历史数据无报告时间记录）：不计迟报');
  await page.getByTestId('report-time-unknown').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '.tmp/screens/history-record-zh.png' });
});

test('the preview lists which records would change and which fields, in Chinese and English', async ({ page }) => {
  await logIn(page, 'bj01.reporter');
  const rowOf = (i: number, tier = 4) => `E2E-CHG-${i},BJ01,drones,loss,${tier},2026-03-04T09:30:00+08:00,2026-03-04T11:00:00+08:00`;
  const upload = async (name: string, rows: string[]) => {
    await page.goto('/intake/import');
    await page.getByTestId('import-kind').selectOption('incidents');
    await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: csv(rows) });
    await page.getByTestId('import-kind').locator('xpath=ancestor::form').locator('button[type=submit]').click();
    await expect(page.getByTestId('import-report')).toBeVisible();
  };
  const first = Array.from({ length: 9 }, (_, i) => rowOf(i + 1));
  await upload('first.csv', first);
  await page.getByTestId('import-confirm').click();
  await page.getByTestId('import-confirm-yes').click();
  await expect(page.getByText('导入完成')).toBeVisible();
  expect(count('E2E-CHG-')).toBe(9);

  // Six records change their tier, one is new: the first five updates show, the sixth behind "show all".
  const resend = first.map((r, i) => (i >= 3 ? rowOf(i + 1, 3) : r));
  await upload('resend.csv', [...resend, rowOf(10)]);
  await expect(page.getByTestId('import-updated')).toHaveText('6');
  const updated = page.getByTestId('import-updated-list');
  await expect(updated.getByTestId('import-updated-record')).toHaveCount(5);
  await expect(updated).toContainText('E2E-CHG-4');
  await expect(updated).toContainText('事件等级 (tier)');
  await expect(updated.locator('tr').first().locator('td')).toHaveText([
    '5',
    'E2E-CHG-4',
    '事件等级 (tier)',
    'Ⅳ级 一般 (4)',
    'Ⅲ级 较大 (3)',
  ]);
  await expect(updated).not.toContainText('E2E-CHG-1');
  await expect(page.getByText('将更新 6 条记录')).toBeVisible();
  await page.getByTestId('import-updated-toggle').click();
  await expect(updated.getByTestId('import-updated-record')).toHaveCount(6);
  await expect(page.getByTestId('import-created-list')).toHaveText('E2E-CHG-10');
  await page.screenshot({ path: '.tmp/screens/import-changes-zh.png', fullPage: true });
  expect(count('E2E-CHG-')).toBe(9);

  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: page.url() }]);
  await upload('resend.csv', [...resend, rowOf(10)]);
  await expect(page.getByText('Would update 6 records')).toBeVisible();
  await expect(page.getByText('Would create 1 record', { exact: true })).toBeVisible();
  await expect(page.getByTestId('import-updated-list')).toContainText('Tier (tier)');
  await page.screenshot({ path: '.tmp/screens/import-changes-en.png', fullPage: true });

  // A file that changes nothing says so.
  await upload('same.csv', first);
  await expect(page.getByTestId('import-changes-empty')).toHaveText('Nothing would change: every record in the file is as stored.');
  await page.screenshot({ path: '.tmp/screens/import-changes-none-en.png', fullPage: true });
});
