import { expect, test } from './fixtures';
import { logIn } from './helpers';

test('an administrator creates a user, who can then log in; bad input is named in Chinese', async ({ page, browser }) => {
  await logIn(page, 'admin');
  await page.getByRole('link', { name: '系统管理' }).click();
  await expect(page.getByRole('heading', { name: '新建用户' })).toBeVisible();
  const form = page.getByTestId('create-user-form');
  await form.getByLabel('账号').fill('gz01.reporter');
  await form.getByLabel('初始密码').fill('short');
  await form.getByLabel('角色').selectOption('reporter');
  await form.getByLabel('所属单位').selectOption('GZ01');
  await form.getByRole('button', { name: '创建用户' }).click();
  await expect(form.getByText('密码至少需要 10 个字符。')).toBeVisible();
  await expect(form.getByRole('alert')).toContainText('请修改标出的内容');
  await expect(form.getByLabel('账号')).toHaveValue('gz01.reporter');

  await form.getByLabel('初始密码').fill('gz01-first-password');
  await form.getByRole('button', { name: '创建用户' }).click();
  await expect(page.getByText('用户 gz01.reporter 已创建。')).toBeVisible();
  await expect(page.getByTestId('user-list')).toContainText('gz01.reporter');

  const other = await browser.newContext();
  const p2 = await other.newPage();
  await logIn(p2, 'gz01.reporter', 'gz01-first-password');
  await expect(p2.getByTestId('scope')).toContainText('广州');
  await other.close();
});

test('an administrator creates a token shown once, it works, and revoking it (after confirming) stops it', async ({ page, request }) => {
  await logIn(page, 'admin');
  await page.goto('/admin');
  const form = page.getByTestId('create-token-form');
  await form.getByLabel('令牌所属用户').selectOption('bj01.reporter');
  await form.getByLabel('用途说明').fill('e2e 对接测试');
  await form.getByRole('button', { name: '生成令牌' }).click();
  const token = (await page.getByTestId('new-token-value').innerText()).trim();
  expect(token).toMatch(/^fh_/);

  const auth = { authorization: `Bearer ${token}` };
  expect((await request.get('/api/v1/me', { headers: auth })).status()).toBe(200);

  // After a reload the token is no longer visible anywhere; only its prefix is listed.
  await page.reload();
  await expect(page.getByText(token)).toHaveCount(0);
  const row = page.locator('tr[data-token-name="e2e 对接测试"]');
  await expect(row).toContainText(token.slice(0, 9));

  await row.getByRole('button', { name: '撤销' }).click();
  await expect(row).toContainText('确认撤销？');
  await row.getByRole('button', { name: '取消' }).click();
  expect((await request.get('/api/v1/me', { headers: auth })).status()).toBe(200);

  await row.getByRole('button', { name: '撤销' }).click();
  await row.getByRole('button', { name: '确认撤销' }).click();
  await expect(row).toContainText('已撤销');
  const refused = await request.get('/api/v1/me', { headers: auth });
  expect(refused.status()).toBe(401);
});

test('someone who is not an administrator is refused the administration page', async ({ page }) => {
  await logIn(page, 'office');
  await page.goto('/admin');
  await expect(page.getByTestId('refusal')).toContainText('只有系统管理员可以管理用户。');
  await expect(page.getByTestId('create-user-form')).toHaveCount(0);
});
