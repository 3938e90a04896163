import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/domain/auth/actor';
import type { Locale } from '@/domain/i18n/locales';

// Issue 15: the record form raised an incident's tier with hard-coded default thresholds; it must use the
// active rating rule set's, as the rating, the alerts and the API do (one effective tier).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fenghuo-form-tier-'));
process.env.FENGHUO_DB = path.join(dir, 'form-tier.db');

const who = vi.hoisted(() => ({ actor: null as Actor | null, locale: 'zh-CN' as Locale }));
vi.mock('@/server/auth/current-actor', () => ({ currentActor: async () => who.actor, requireActor: async () => who.actor }));
vi.mock('next-intl/server', () => ({ getLocale: async () => who.locale }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { getDb } = await import('@/db/client');
const { migrateDatabase } = await import('@/db/migrate');
const { ensureReferenceData } = await import('@/db/queries/reference');
const { ruleSets } = await import('@/db/schema');
const { CAS_2019_V1 } = await import('@/domain/rating/default-rule-set');
const { seedSmallOrg } = await import('../setup/small-org');
const { loggedInActor } = await import('../setup/actors');
const { saveRecordAction } = await import('@/server/actions/records');
const fx = await import('../setup/seal-fixtures');

const db = getDb();
const one = <T>(sql: string, ...params: unknown[]) => db.$client.prepare(sql).get(...params) as T;
function form(values: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
}

beforeAll(async () => {
  migrateDatabase(db);
  ensureReferenceData(db);
  await seedSmallOrg(db);
  who.actor = await loggedInActor(db, 'tier.rep', 'reporter', 'BJ01');
  // A stricter active rule set: one death already makes an incident tier III (the default needs three).
  const strict = structuredClone(CAS_2019_V1);
  strict.version = 'strict-1';
  strict.incidents.tierThresholds.III.deaths = 1;
  db.update(ruleSets).set({ active: false }).run();
  db.insert(ruleSets).values({ kind: 'rating', version: strict.version, body: strict, active: true, activatedAt: new Date() }).run();
});
afterAll(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the record form raises a tier with the active rule set', () => {
  it('raises tier IV with one death to tier III under thresholds stricter than the defaults', async () => {
    const item = { ...fx.fixture('incidents', 'before'), tier: 4, deaths: 1 };
    const answer = await saveRecordAction(null, form({ ...fx.formOf('incidents', item, 0)!, id: '' }));
    expect(answer).toMatchObject({ ok: true, data: { outcome: 'created', raisedFrom: 4 } });
    const id = (answer as { data: { id: number } }).data.id;
    expect(one<{ tier: number }>('SELECT tier FROM incidents WHERE id = ?', id).tier).toBe(3);
  });
});
