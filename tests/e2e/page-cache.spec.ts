import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from './fixtures';
import { type BrowserContext } from '@playwright/test';
import { E2E_BASE_URL, E2E_DB } from './config';
import { logIn } from './helpers';

// The page cache (decision 021): a dashboard rendered for one person is answered to the next person of the
// same role and unit. These tests look at what that must never do: show one person's name to another, give
// another unit (or an ended session) a kept page, keep a page past a write, or reuse a script nonce.

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const PASSWORD = 'page-cache-password-1';

function createUser(login: string, name: string, role: string, unit: string): void {
  execFileSync(
    path.resolve('node_modules/.bin/tsx'),
    ['cli/index.ts', 'user', 'create', '--login', login, '--password', PASSWORD, '--role', role, '--unit', unit, '--name', name],
    { env: { ...process.env, FENGHUO_DB: E2E_DB }, encoding: 'utf8' },
  );
}

async function sessionCookie(context: BrowserContext): Promise<string> {
  const c = (await context.cookies()).find((k) => k.name === 'fh_session');
  if (!c) throw new Error('not signed in');
  return `fh_session=${c.value}`;
}

async function get(url: string, cookie: string) {
  const res = await fetch(`${E2E_BASE_URL}${url}`, { headers: { cookie }, redirect: 'manual' });
  return {
    status: res.status,
    cache: res.headers.get('x-fenghuo-page-cache'),
    csp: res.headers.get('content-security-policy') ?? '',
    body: await res.text(),
    location: res.headers.get('location'),
  };
}

test('two people of one role and unit share the rendering, each sees their own name, and every answer has a fresh nonce', async ({
  browser,
}) => {
  const u = unique();
  const [a, b] = [`pc.a.${u}`, `pc.b.${u}`];
  createUser(a, `缓存甲${u}`, 'reporter', 'GZ01');
  createUser(b, `缓存乙${u}`, 'reporter', 'GZ01');
  const ctxA = await browser.newContext();
  const ctxB = await browser.newContext();
  const pageA = await ctxA.newPage();
  const pageB = await ctxB.newPage();
  await logIn(pageA, a, PASSWORD);
  await logIn(pageB, b, PASSWORD);
  const [cookieA, cookieB] = [await sessionCookie(ctxA), await sessionCookie(ctxB)];

  // Other tests write records meanwhile, which rightly starts a new rendering; try until B is answered
  // with what was rendered for A.
  let shared = false;
  for (let attempt = 0; attempt < 10 && !shared; attempt++) {
    const first = await get('/', cookieA);
    expect(first.status).toBe(200);
    // Nothing on a shared page names the person it was rendered for.
    expect(first.body).not.toContain(`缓存甲${u}`);
    const second = await get('/', cookieB);
    expect(second.status).toBe(200);
    expect(second.body).not.toContain(`缓存甲${u}`);
    shared = second.cache === 'hit' || second.cache === 'shared';
    if (!shared) continue;
    // Each answer's nonce is its own, and the one its policy allows.
    const nonceOf = (r: { csp: string }) => /'nonce-([^']+)'/.exec(r.csp)?.[1];
    expect(nonceOf(first)).toBeTruthy();
    expect(nonceOf(second)).toBeTruthy();
    expect(nonceOf(second)).not.toBe(nonceOf(first));
    expect(second.body).toContain(`nonce="${nonceOf(second)}"`);
    expect(second.body).not.toContain(`nonce="${nonceOf(first)}"`);
  }
  expect(shared).toBe(true);

  // In the browser, the kept page runs under its new nonce (no policy violation) and shows B's own name.
  const violations: string[] = [];
  pageB.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text());
  });
  const res = await pageB.goto('/');
  expect(res?.status()).toBe(200);
  await expect(pageB.getByTestId('current-user-name')).toHaveText(`缓存乙${u}`);
  await expect(pageB.getByTestId('current-user')).not.toContainText(`缓存甲${u}`);
  expect(violations).toEqual([]);
  await ctxA.close();
  await ctxB.close();
});

test('another unit never gets the kept page, and an ended session gets the login page, not a kept one', async ({ browser }) => {
  const u = unique();
  const [gz, sh] = [`pc.gz.${u}`, `pc.sh.${u}`];
  createUser(gz, `广州用户${u}`, 'reporter', 'GZ01');
  createUser(sh, `上海用户${u}`, 'reporter', 'SH01');
  const ctxGz = await browser.newContext();
  const ctxSh = await browser.newContext();
  const pageGz = await ctxGz.newPage();
  const pageSh = await ctxSh.newPage();
  await logIn(pageGz, gz, PASSWORD);
  await logIn(pageSh, sh, PASSWORD);

  // The scope line on a kept dashboard is the viewer's own, as on a page that is never kept.
  for (const p of [pageGz, pageSh]) {
    await p.goto('/units');
    const own = await p.getByTestId('scope').textContent();
    for (const url of ['/', '/heatmaps', '/heatmaps/matrix']) {
      await p.goto(url);
      await expect(p.getByTestId('scope')).toHaveText(own!);
    }
  }
  const gzScope = await pageGz.getByTestId('scope').textContent();
  expect(await pageSh.getByTestId('scope').textContent()).not.toBe(gzScope);

  // Logged out, the cookie opens nothing, though its page was just kept.
  const cookie = await sessionCookie(ctxGz);
  expect((await get('/', cookie)).status).toBe(200);
  await pageGz.goto('/');
  await pageGz.getByRole('button', { name: '退出登录' }).click();
  await expect(pageGz).toHaveURL(/\/login/);
  const after = await get('/', cookie);
  expect(after.status).toBeGreaterThanOrEqual(300);
  expect(after.status).toBeLessThan(400);
  expect(after.location).toMatch(/\/login/);
  expect(after.cache).not.toBe('hit');
  await ctxGz.close();
  await ctxSh.close();
});

test('a kept overview is not answered after a write: the new incident counts at once', async ({ browser, request }) => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await logIn(page, 'office');
  const cookie = await sessionCookie(ctx);
  await get('/', cookie);
  const token = execFileSync(path.resolve('node_modules/.bin/tsx'), ['cli/index.ts', 'token', 'create', '--user', 'office'], {
    env: { ...process.env, FENGHUO_DB: E2E_DB },
    encoding: 'utf8',
  }).trim();
  const externalId = `INC-PC-${unique()}`;
  const created = await request.post('/api/v1/incidents', {
    headers: { authorization: `Bearer ${token}` },
    data: [
      {
        externalId,
        unitCode: 'GZ01',
        domain: 'ai',
        dimension: 'data',
        tier: 4,
        occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
        summary: 'page cache test incident',
      },
    ],
  });
  expect(created.status(), await created.text()).toBe(200);
  const after = await get('/', cookie);
  expect(after.status).toBe(200);
  expect(after.cache).not.toBe('hit');
  expect(after.cache).not.toBe('shared');
  await ctx.close();
});
