import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from './fixtures';
import { e2eDbEnv, logIn, one, readDb } from './helpers';

test('the office pages through all hazards, newest first', async ({ page }) => {
  await logIn(page, 'office');
  const db = readDb();
  const total = one(db, 'SELECT count(*) AS v FROM hazards');
  db.close();
  const pages = Math.ceil(total / 50);
  await page.goto('/records/hazards');
  await expect(page.getByTestId('pagination-summary')).toHaveText(`共 ${total} 条，第 1/${pages} 页`);
  const firstPageDates = await page.getByTestId('record-list').locator('tbody tr td:nth-child(3)').allInnerTexts();
  expect(firstPageDates).toHaveLength(50);
  expect([...firstPageDates].sort().reverse()).toEqual(firstPageDates);
  await page.getByRole('link', { name: '下一页' }).click();
  await expect(page.getByTestId('pagination-summary')).toHaveText(`共 ${total} 条，第 2/${pages} 页`);
  const secondFirst = await page.getByTestId('record-list').locator('tbody tr td:nth-child(3)').first().innerText();
  expect(secondFirst <= firstPageDates[49]!).toBe(true);
});

test('an assessment shows each dimension’s score and its overall level in words, and links its project', async ({ page }) => {
  await logIn(page, 'bj01.manager');
  const db = readDb();
  const a = db
    .prepare(
      `SELECT a.id, max(d.likelihood * d.impact) AS score, p.external_id AS project FROM assessments a
       JOIN assessment_dimensions d ON d.assessment_id = a.id JOIN projects p ON p.id = a.project_id
       JOIN units u ON u.id = a.unit_id WHERE u.code = 'BJ01' GROUP BY a.id, p.external_id ORDER BY a.id LIMIT 1`,
    )
    .get() as { id: number; score: number; project: string };
  db.close();
  const word = a.score >= 17 ? '极高（红）' : a.score >= 10 ? '高（橙）' : a.score >= 5 ? '中（黄）' : '低（蓝）';
  await page.goto(`/records/assessments/${a.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('安全风险评估');
  await expect(page.getByTestId('overall-risk')).toContainText(`${word}R=${a.score}`);
  await expect(page.getByRole('link', { name: new RegExp(a.project) })).toBeVisible();
  await page.getByRole('link', { name: new RegExp(a.project) }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`科研项目 ${a.project}`);
});

test('a kind with no records in scope shows an empty state, not an empty table', async ({ page }) => {
  // Ethics committees belong to institutes, so a department's own user has none in scope.
  execFileSync(
    path.resolve('node_modules/.bin/tsx'),
    [
      'cli/index.ts',
      'user',
      'create',
      '--login',
      'bj01d1.reporter',
      '--password',
      'dept-password-1',
      '--role',
      'reporter',
      '--unit',
      'BJ01-D1',
    ],
    { env: e2eDbEnv() },
  );
  await logIn(page, 'bj01d1.reporter', 'dept-password-1');
  await page.goto('/records/ethics-committees');
  await expect(page.getByText('暂无记录。')).toBeVisible();
  await expect(page.getByText('您所在范围内还没有此类记录。')).toBeVisible();
  await expect(page.getByTestId('record-list')).toHaveCount(0);
});
