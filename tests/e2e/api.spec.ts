import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from './fixtures';
import { E2E_DB } from './config';
import { readDb, subtree } from './helpers';

test('health answers ok', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: 'ok' });
});

test('a token from the CLI works against the running server, within its user’s scope', async ({ request }) => {
  const token = execFileSync(path.resolve('node_modules/.bin/tsx'), ['cli/index.ts', 'token', 'create', '--user', 'sh01.reporter'], {
    env: { ...process.env, FENGHUO_DB: E2E_DB },
    encoding: 'utf8',
  }).trim();
  const me = await request.get('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ login: 'sh01.reporter', unitCode: 'SH01', role: 'reporter' });
  const units = await (await request.get('/api/v1/units', { headers: { authorization: `Bearer ${token}` } })).json();
  const db = readDb();
  const expected = (
    db.prepare(`SELECT code FROM units WHERE id IN (${subtree(db, 'SH01').join(',')}) ORDER BY id`).all() as { code: string }[]
  ).map((r) => r.code);
  db.close();
  expect(expected[0]).toBe('SH01');
  expect(units.data.map((u: { code: string }) => u.code)).toEqual(expected);

  const anonymous = await request.get('/api/v1/units');
  expect(anonymous.status()).toBe(401);
  expect((await anonymous.json()).error.code).toBe('unauthorized');
});
