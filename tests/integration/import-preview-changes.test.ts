import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/domain/auth/actor';
import { serverDbFile } from '../setup/server-db-file';

// The preview as the browser receives it (issue 14 item 6): read and checked in the import pool's worker,
// its change list crosses back by structured clone and is answered with each field labelled in the
// reader's language, bounded like the rest of the report.
const { remove } = serverDbFile('fenghuo-preview-changes-', 'preview.db');

const { getDb } = await import('@/db/client');
const { seedServerDb } = await import('../setup/reporter');
const { ImportPool, DEFAULT_POOL } = await import('@/features/import/import-pool');
const { submitRecords } = await import('@/features/records/submit');
const { CHANGE_DETAIL_LIMIT } = await import('@/features/import/change-list');
const { incidentCsv } = await import('../setup/hostile-uploads');
const { previewOf, upload } = await import('../setup/upload-request');

const db = getDb();
let actor: Actor;
const pool = new ImportPool({ ...DEFAULT_POOL, workers: 1, queue: 2 });

type Changes = {
  updated: { row: number; externalId: string; fields: { field: string; label: string; from: string | null; to: string | null }[] }[];
  created: { row: number; externalId: string }[];
};

beforeAll(async () => {
  actor = await seedServerDb(db, 'prev.rep');
});
afterAll(async () => {
  await pool.close();
  remove();
});

describe('the import preview', () => {
  it('answers the records that would change, their fields labelled in zh and en, bounded', async () => {
    // incidentCsv's rows say tier 4; the stored ones say 3 for the first 300, so those would be updated.
    const items = Array.from({ length: 300 }, (_, i) => ({
      externalId: `PREV-${i}`,
      unitCode: 'BJ01',
      domain: 'drones',
      dimension: 'loss',
      tier: i === 1 ? 4 : 3,
      occurredAt: `2026-03-${String(1 + (i % 28)).padStart(2, '0')}T09:30:00+08:00`,
      summary: '无人机试飞失控坠落',
    }));
    await submitRecords(db, actor, 'incidents', items, { now: new Date('2026-11-23T10:00:00+08:00'), source: 'api' });
    const request = await previewOf(incidentCsv(302, 'BJ01', 'PREV'), 'p.csv');

    const zh = await upload(request, { db, actor, pool, locale: 'zh-CN' });
    expect(zh.report).toMatchObject({ ok: true, dryRun: true, created: 2, updated: 299 });
    const changes = (zh.report as unknown as { changes: Changes }).changes;
    expect(changes.updated).toHaveLength(CHANGE_DETAIL_LIMIT);
    expect(changes.updated[0]).toEqual({
      row: 2,
      externalId: 'PREV-0',
      fields: [{ field: 'tier', label: '事件等级 (tier)', from: 'Ⅲ级 较大 (3)', to: 'Ⅳ级 一般 (4)' }],
    });
    // PREV-1 is as stored: not listed.
    expect(changes.updated[1]!.externalId).toBe('PREV-2');
    expect(changes.created).toEqual([
      { row: 302, externalId: 'PREV-300' },
      { row: 303, externalId: 'PREV-301' },
    ]);

    const en = await upload(request, { db, actor, pool, locale: 'en' });
    const enChanges = (en.report as unknown as { changes: Changes }).changes;
    expect(enChanges.updated[0]!.fields[0]).toMatchObject({ label: 'Tier (tier)', to: 'Tier IV general (4)' });
    expect(JSON.stringify(en.report).length).toBeLessThan(100_000);
  }, 120_000);
});
