import { expect, test } from './fixtures';
import { E2E_BASE_URL } from './config';

// Issue 13, items 13 and 14, against the production server: a hostile `next` after login stays on this
// origin, and a server action posted from another origin is a plain 403, not a 500.

for (const next of ['/.//127.0.0.1:3962/pwned', '/..//127.0.0.1:3962/pwned', '/%2e//127.0.0.1:3962/pwned', '/\\/127.0.0.1:3962/pwned']) {
  test(`logging in with next=${next} ends on the app's own origin`, async ({ page }) => {
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel('账号').fill('leader');
    await page.getByLabel('密码').fill('fenghuo-demo');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByTestId('current-user')).toBeVisible();
    expect(new URL(page.url()).origin).toBe(E2E_BASE_URL);
    expect(new URL(page.url()).pathname).toBe('/');
  });
}

test('a server action posted from another origin is a plain 403 and runs nothing', async ({ page, request }) => {
  // The login form's real action id, taken from a post the page itself makes.
  let actionId = '';
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.headers()['next-action']) actionId = r.headers()['next-action']!;
  });
  await page.goto('/login');
  await page.getByLabel('账号').fill('leader');
  await page.getByLabel('密码').fill('not-the-password');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.locator('form').getByRole('alert')).toBeVisible();
  expect(actionId).not.toBe('');

  for (const origin of ['https://evil.example', 'null', `${E2E_BASE_URL.replace('localhost', '127.0.0.1')}`]) {
    const res = await request.post('/login', {
      headers: { 'next-action': actionId, origin, 'content-type': 'text/plain;charset=UTF-8' },
      data: JSON.stringify([{}, 'leader', 'x']),
    });
    expect(res.status(), origin).toBe(403);
    expect(res.headers()['content-type']).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('拒绝跨站请求。 Cross-site request refused.\n');
  }
  // From the page's own origin the same post reaches the action: a malformed body, answered like an empty
  // form (200), not a refusal and not a 500 (it was a TypeError in the action before).
  const own = await request.post('/login', {
    headers: { 'next-action': actionId, origin: E2E_BASE_URL, 'content-type': 'text/plain;charset=UTF-8' },
    data: '[]',
  });
  expect(own.status()).toBe(200);
});
