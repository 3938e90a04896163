import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { DEMO_PASSWORD } from './config';

// Issue 13, item 11, on a server started with FENGHUO_TRUST_PROXY=true (playwright.trusted-proxy.config.ts),
// where X-Forwarded-For names the client. A guesser hammers `office` with a wrong password from ever new
// addresses, so the account is backing off the whole time; the owner, from an address of their own, still
// gets in at the first try.
async function submitLogin(page: Page, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('账号').fill('office');
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

test('the owner logs in from another address while a guesser keeps hammering', async ({ browser, request }, info) => {
  // The guesser's post, as the login form sends it, replayed as fast as the server answers.
  const guesserPage = await (await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '10.6.0.0' } })).newPage();
  const posted = guesserPage.waitForRequest((r) => r.method() === 'POST' && Boolean(r.headers()['next-action']));
  await submitLogin(guesserPage, 'a-wrong-guess');
  const post = await posted;
  const headers = Object.fromEntries(Object.entries(post.headers()).filter(([k]) => k.startsWith('next-') || k === 'content-type'));
  const body = post.postDataBuffer()!;

  let stop = false;
  const answers: string[] = [];
  const guesser = (async () => {
    for (let i = 1; !stop && i < 500; i++) {
      const ip = `10.6.${Math.floor(i / 250)}.${i % 250}`;
      const res = await request.post('/login', { headers: { ...headers, 'x-forwarded-for': ip }, data: body });
      const text = await res.text();
      answers.push(text.includes('"throttled"') ? 'throttled' : text.includes('"invalid"') ? 'invalid' : `other ${res.status()}`);
    }
  })();
  // Let the guesser push the account well into its back-off first.
  await expect.poll(() => answers.filter((a) => a === 'throttled').length, { timeout: 30_000 }).toBeGreaterThanOrEqual(10);

  const ownerPage = await (await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '10.1.1.1' } })).newPage();
  const started = Date.now();
  await submitLogin(ownerPage, DEMO_PASSWORD);
  await expect(ownerPage.getByTestId('current-user')).toBeVisible();
  const waited = Date.now() - started;
  const during = answers.length;
  stop = true;
  await guesser;
  info.annotations.push({ type: 'owner', description: `in after ${waited} ms, ${during} guesses sent before` });
  expect(waited).toBeLessThan(60_000);
  // Every guess was told it was wrong or, within the account's back-off, to wait; none got in.
  expect(answers.filter((a) => a !== 'invalid' && a !== 'throttled')).toEqual([]);
});
