import { expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD, e2eDatabase } from './config';
import { openSpecDb, type SpecDb } from './e2e-db';
import { envFor } from '../../bench/server-process';

export async function logIn(page: Page, login: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(/账号|Login/).fill(login);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole('button', { name: /^(登录|Log in)$/ }).click();
  await expect(page.getByTestId('current-user')).toBeVisible();
}

/** The e2e server's own database (SQLite read-only, or the PostgreSQL run's), to compute what the pages must show. */
export function readDb(): SpecDb {
  return openSpecDb(e2eDatabase());
}

/** The environment of a command run on the e2e server's database (FENGHUO_DB or FENGHUO_DATABASE_URL). */
export function e2eDbEnv(): NodeJS.ProcessEnv {
  return envFor(e2eDatabase());
}

export function one<T = number>(db: SpecDb, sql: string, ...params: unknown[]): T {
  return (db.prepare(sql).get(...params) as { v: T }).v;
}

/** Ids of a unit and all below it, by the materialised path. */
export function subtree(db: SpecDb, code: string): number[] {
  const path = one<string>(db, 'SELECT path AS v FROM units WHERE code = ?', code);
  return (db.prepare('SELECT id FROM units WHERE path LIKE ?').all(`${path}%`) as { id: number }[]).map((r) => r.id);
}

/**
 * Files a tier II incident of BJ02 (last year, drones) through the record form as the signed-in office: its
 * red alert is stored with it (incident.serious), whatever day the demo was generated on.
 */
export async function fileTierIIIncident(page: Page, ref: string): Promise<void> {
  await page.goto('/records/incidents/new');
  const form = page.getByTestId('record-form');
  await form.getByLabel('填报单位').selectOption('BJ02');
  await form.getByLabel('编号').fill(ref);
  await form.getByLabel('领域').selectOption('drones');
  await form.getByLabel('风险维度').selectOption('loss');
  await form.getByLabel('事件等级').selectOption('2');
  await form.getByLabel('发生时间').fill(`${new Date().getFullYear() - 1}-05-04T09:30`);
  await form.getByLabel('事件概况').fill('无人机试飞失控，造成重大损失');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('saved')).toHaveText('已保存。');
}
