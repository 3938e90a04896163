import { expect, test } from './fixtures';
import { logIn } from './helpers';

// Titles tagged @pg also run in the PostgreSQL run (playwright.pg.config.ts): one academy-wide user, one institute's.
const roles = [
  { login: 'admin', role: '系统管理员', scope: '全院' },
  { login: 'office', role: '院安委办', scope: '全院', tag: ' @pg' },
  { login: 'leader', role: '院领导', scope: '全院' },
  { login: 'bj.officer', role: '分院科技安全专员', scope: '北京分院及下属单位' },
  { login: 'bj01.manager', role: '单位科研管理部门', scope: '及下属单位' },
  { login: 'bj01.reporter', role: '填报员', scope: '及下属单位', tag: ' @pg' },
];

for (const r of roles) {
  test(`${r.login} logs in and lands on the Chinese overview${r.tag ?? ''}`, async ({ page }) => {
    await logIn(page, r.login);
    await expect(page).toHaveURL('/');
    await expect(page.getByRole('heading', { level: 1, name: '总览' })).toBeVisible();
    await expect(page.getByTestId('current-user')).toContainText(r.role);
    await expect(page.getByTestId('scope')).toContainText(r.scope);
    await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '系统管理' })).toHaveCount(
      r.login === 'admin' ? 1 : 0,
    );
  });
}

test('a wrong password is refused in Chinese, and the login is kept in the field @pg', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('账号').fill('leader');
  await page.getByLabel('密码').fill('not-the-password');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.locator('form').getByRole('alert')).toHaveText('账号或密码不正确。');
  await expect(page.getByLabel('账号')).toHaveValue('leader');
  await expect(page).toHaveURL(/\/login/);
});

test('empty fields are named', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByText('请输入账号。')).toBeVisible();
  await expect(page.getByText('请输入密码。')).toBeVisible();
});

test('a page asked for without a session leads to the login page @pg', async ({ page }) => {
  await page.goto('/records/incidents');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
});
