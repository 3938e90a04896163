import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from './fixtures';
import { type Page } from '@playwright/test';
import { E2E_DB } from './config';
import { logIn, one, readDb } from './helpers';

// Web security against the production build: the headers of every kind of answer, a Content-Security-
// Policy the app (charts, Tremor, next-intl) runs under without a single violation, the session cookie,
// server actions refusing a foreign Origin with nothing written, a password change ending the other
// sessions, and failures that show no stack trace, SQL or server path.

const lastYear = new Date().getFullYear() - 1;
const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const LEAK = /\bat [\w$.<>]+ \(|node_modules|\/work\/|\.next\/server|SQLITE_|no such table|\bSELECT\s|\bFROM\s+[a-z_]+\s+WHERE/i;

/** Every CSP violation the page reports, from the console and from the DOM event. */
function watchCsp(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) seen.push(m.text());
  });
  void page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`Refused to apply CSP ${e.violatedDirective} ${e.blockedURI}`),
    ),
  );
  return seen;
}

test('every kind of answer carries the security headers; a page’s scripts carry its nonce', async ({ request }) => {
  const page = await request.get('/login');
  const h = page.headers();
  const csp = h['content-security-policy']!;
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  const html = await page.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const s of scripts) expect(s).toContain(`nonce="${nonce}"`);
  // A new nonce for every answer.
  expect((await request.get('/login')).headers()['content-security-policy']).not.toBe(csp);

  const js = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)![1]!;
  for (const url of ['/login', '/api/health', '/api/v1/me', js, '/icon.svg']) {
    const res = await request.get(url);
    const headers = res.headers();
    expect(headers['x-content-type-options'], url).toBe('nosniff');
    expect(headers['referrer-policy'], url).toBe('same-origin');
    expect(headers['permissions-policy'], url).toContain('camera=()');
    expect(headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
    expect(headers['x-frame-options'], url).toBe('DENY');
    // Served over plain HTTP without a trusted proxy: no HSTS (it would be a promise we cannot keep).
    expect(headers['strict-transport-security'], url).toBeUndefined();
    expect(headers['x-powered-by'], url).toBeUndefined();
  }
  expect((await request.get('/api/health')).headers()['content-security-policy']).toContain("default-src 'none'");
  // A client claiming HTTPS through X-Forwarded-Proto is not believed without FENGHUO_TRUST_PROXY.
  expect(
    (await request.get('/login', { headers: { 'x-forwarded-proto': 'https' } })).headers()['strict-transport-security'],
  ).toBeUndefined();
});

test('the app runs under its CSP: styles, the chart, the language switch and forms, without a violation', async ({ page }, info) => {
  const violations = watchCsp(page);
  await logIn(page, 'office');
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
  // Tailwind's stylesheet applies (the sidebar is dark, not the browser's default white).
  const sidebar = await page.locator('aside').evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(sidebar).toBe('rgb(17, 24, 39)');
  await page.screenshot({ path: info.outputPath('overview-under-csp.png'), fullPage: false });
  await page.goto('/ratings');
  await expect(page.locator('#main').getByTestId('year-status')).toBeVisible();
  await page.goto('/records/incidents/new');
  await page.getByTestId('record-form').getByLabel('死亡人数').fill('3');
  await expect(page.getByTestId('tier-raised')).toBeVisible();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/New|incident/i);
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('新建');
  expect(violations).toEqual([]);
});

test('the session cookie is httpOnly and SameSite, not readable by scripts', async ({ page }) => {
  await logIn(page, 'bj01.reporter');
  const cookie = (await page.context().cookies()).find((c) => c.name === 'fh_session')!;
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  // Over plain HTTP without FENGHUO_SECURE_COOKIES a Secure cookie would never come back.
  expect(cookie.secure).toBe(false);
  expect(await page.evaluate(() => document.cookie)).not.toContain('fh_session');
});

test('a server action posted with a foreign Origin is refused and writes nothing; from the page itself it works', async ({ page }) => {
  await logIn(page, 'bj01.reporter');
  await page.goto('/records/incidents/new');
  const form = page.getByTestId('record-form');
  const fill = async (ref: string) => {
    await form.getByLabel('编号').fill(ref);
    await form.getByLabel('领域').selectOption('ai');
    await form.getByLabel('风险维度').selectOption('data');
    await form.getByLabel('发生时间').fill(`${lastYear}-05-04T09:30`);
  };
  const forged = `INC-XO-${unique()}`;
  let status = 0;
  let actionId = '';
  await page.route('**/records/incidents/new', async (route) => {
    const req = route.request();
    if (req.method() !== 'POST' || !req.headers()['next-action']) return route.continue();
    actionId = req.headers()['next-action']!;
    const res = await route.fetch({ headers: { ...req.headers(), origin: 'https://evil.example' } });
    status = res.status();
    await route.fulfill({ response: res });
  });
  await fill(forged);
  await form.getByRole('button', { name: '保存' }).click();
  await expect.poll(() => status).toBeGreaterThanOrEqual(400);
  expect(actionId).not.toBe('');
  await page.unroute('**/records/incidents/new');
  let db = readDb();
  expect(one(db, 'SELECT count(*) AS v FROM incidents WHERE external_id = ?', forged)).toBe(0);
  expect(one(db, "SELECT count(*) AS v FROM audit_log WHERE after LIKE '%' || ? || '%'", forged)).toBe(0);
  db.close();

  // The same form from the page's own origin is stored: the refusal above was the Origin's doing.
  const real = `INC-SO-${unique()}`;
  await page.goto('/records/incidents/new');
  await fill(real);
  await form.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('saved')).toBeVisible();
  db = readDb();
  expect(one(db, 'SELECT count(*) AS v FROM incidents WHERE external_id = ?', real)).toBe(1);
  db.close();
});

test('the import upload refuses a cross-site post even with a valid session', async ({ page }) => {
  await logIn(page, 'bj01.reporter');
  const csv = 'externalId,unitCode,inspectedAt\nXO-1,BJ01,2025-03-01\n';
  const post = (headers: Record<string, string>) =>
    page.request.post('/intake/import/upload', {
      headers,
      multipart: { kind: 'inspections', file: { name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) } },
    });
  const foreign = await post({ origin: 'https://evil.example' });
  expect(foreign.status()).toBe(403);
  const crossSite = await post({ 'sec-fetch-site': 'cross-site' });
  expect(crossSite.status()).toBe(403);
  // The control: from the site itself the same post is previewed (nothing is stored before confirming).
  const own = await post({ origin: new URL(page.url()).origin });
  expect(own.status()).toBe(200);
});

test('changing one’s password ends the other sessions and keeps this one; only the new password opens', async ({ page, browser }) => {
  const login = `sec.${unique()}`.slice(0, 30);
  const first = 'first-password-123';
  const second = 'second-password-456';
  execFileSync(
    path.resolve('node_modules/.bin/tsx'),
    ['cli/index.ts', 'user', 'create', '--login', login, '--password', first, '--role', 'reporter', '--unit', 'BJ01'],
    { env: { ...process.env, FENGHUO_DB: E2E_DB }, encoding: 'utf8' },
  );
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await logIn(other, login, first);
  await logIn(page, login, first);

  await page.getByTestId('current-user').getByRole('link', { name: '我的账号' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的账号');
  const form = page.getByTestId('change-password-form');
  await form.getByLabel('当前密码').fill('wrong-password-000');
  await form.getByLabel('新密码', { exact: true }).fill(second);
  await form.getByLabel('再次输入新密码').fill(second);
  await form.getByRole('button', { name: '修改密码' }).click();
  await expect(page.getByText('当前密码不正确。')).toBeVisible();

  await form.getByLabel('当前密码').fill(first);
  await form.getByLabel('新密码', { exact: true }).fill(second);
  await form.getByLabel('再次输入新密码').fill(`${second}x`);
  await form.getByRole('button', { name: '修改密码' }).click();
  await expect(page.getByText('两次输入的新密码不一致。')).toBeVisible();

  await form.getByLabel('当前密码').fill(first);
  await form.getByLabel('新密码', { exact: true }).fill(second);
  await form.getByLabel('再次输入新密码').fill(second);
  await form.getByRole('button', { name: '修改密码' }).click();
  await expect(page.getByRole('status')).toContainText('密码已修改，其他 1 个登录已失效。');

  // This browser stays signed in; the other one is sent to the login page.
  await page.goto('/');
  await expect(page.getByTestId('current-user')).toBeVisible();
  await other.goto('/');
  await expect(other).toHaveURL(/\/login/);
  await otherContext.close();

  const fresh = await browser.newContext();
  const p = await fresh.newPage();
  await p.goto('/login');
  await p.getByLabel(/账号/).fill(login);
  await p.getByLabel(/密码/).fill(first);
  await p.getByRole('button', { name: '登录' }).click();
  await expect(p.getByText('账号或密码不正确。')).toBeVisible();
  await logIn(p, login, second);
  await fresh.close();
});

test('failures answer without a stack trace, SQL or a server path', async ({ page, request }) => {
  // A server action whose id is real but whose body is garbage, one whose id is unknown, a malformed
  // address, a broken JSON body and an unknown API path.
  let actionId = '';
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.headers()['next-action']) actionId = r.headers()['next-action']!;
  });
  await page.goto('/login');
  await page.getByRole('button', { name: '登录' }).click();
  await expect.poll(() => actionId).not.toBe('');

  const answers = [
    await request.post('/login', { headers: { 'next-action': actionId, 'content-type': 'text/plain;charset=UTF-8' }, data: '{not json' }),
    await request.post('/login', {
      headers: { 'next-action': actionId, 'content-type': 'multipart/form-data; boundary=x' },
      data: '--x\r\nbroken',
    }),
    await request.post('/', { headers: { 'next-action': '00'.repeat(21), 'content-type': 'text/plain' }, data: '[]' }),
    await request.get('/records/incidents/%E0%A4%A'),
    await request.get('/records/%00/1'),
    await request.post('/api/v1/incidents', { headers: { authorization: 'Bearer fh_nope' }, data: '{' }),
    await request.get('/api/v1/nothing-here'),
  ];
  for (const res of answers) {
    const body = await res.text();
    expect(body, `${res.url()} ${res.status()}`).not.toMatch(LEAK);
  }
  expect(answers.some((r) => r.status() >= 400)).toBe(true);
});
