import { expect, test } from './fixtures';
import { logIn } from './helpers';

test('logging out ends the session: the old cookie no longer opens anything', async ({ page, browser }) => {
  await logIn(page, 'bj01.manager');
  const cookie = (await page.context().cookies()).find((c) => c.name === 'fh_session')!;
  expect(cookie.httpOnly).toBe(true);
  expect(cookie.sameSite).toBe('Lax');

  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login\?loggedOut=1/);
  await expect(page.getByRole('status')).toHaveText('您已退出登录。');
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);

  // Replaying the cookie taken before logout, in a fresh browser, is refused.
  const replay = await browser.newContext();
  await replay.addCookies([{ ...cookie }]);
  const other = await replay.newPage();
  await other.goto('/');
  await expect(other).toHaveURL(/\/login/);
  await replay.close();
});
