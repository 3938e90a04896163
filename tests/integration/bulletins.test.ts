import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The monthly bulletin on a real migrated SQLite file: catch-up after downtime, exactly once, frozen
// content, scope, the API and the PDF.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fenghuo-bulletins-'));
process.env.FENGHUO_DB = path.join(dir, 'bulletins.db');

const { getDb, openDatabase } = await import('@/db/client');
const { migrateDatabase } = await import('@/db/migrate');
const { ensureReferenceData } = await import('@/db/queries/reference');
const { alerts, bulletins, hazards, incidents, jobRuns } = await import('@/db/schema');
const { seedSmallOrg, addUser, org } = await import('../setup/small-org');
const { buildHazard, buildIncident } = await import('@/features/demo/factories');
const { createApiToken } = await import('@/features/auth/api-tokens');
const { resolveActor } = await import('@/features/auth/resolve-actor');
const { catchUpBulletins, generateBulletin } = await import('@/features/bulletins/due-bulletins');
const { bulletinByMonth } = await import('@/db/queries/bulletins');
const { bulletinView } = await import('@/domain/bulletins/view');
const { bulletinPdf } = await import('@/features/bulletins/pdf');
const { attentionFirst, needsAttention } = await import('@/domain/bulletins/attention');
const { extractPages } = await import('../unit/pdf/extract-text');
const route = await import('@/app/api/v1/bulletins/[month]/route');

type Db = ReturnType<typeof getDb>;
let db: Db;
const tokens = {} as { office: string; bj: string; sh01: string };
const at = (iso: string) => new Date(iso);

function addAlert(unitId: number | null, colour: 'blue' | 'yellow' | 'orange' | 'red', firedAt: string, key: string) {
  db.insert(alerts)
    .values({
      rule: 'incident.serious',
      subjectKind: 'incident',
      subjectKey: key,
      period: firedAt.slice(0, 7),
      colour,
      unitId,
      domain: 'ai',
      messageZh: `测试预警 ${key}`,
      messageEn: `Test alert ${key}`,
      firedAt: at(firedAt),
    })
    .run();
}

async function api(month: string, token: string) {
  const res = await route.GET(
    new Request(`http://localhost/api/v1/bulletins/${month}`, { headers: { authorization: `Bearer ${token}` } }),
    {
      params: Promise.resolve({ month }),
    },
  );
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  db = getDb();
  migrateDatabase(db);
  ensureReferenceData(db);
  await seedSmallOrg(db); // one tier IV incident and one general hazard per institute and the department, 4 March 2026
  // A serious incident in SH01 and a major hazard in BJ02 in April; an alert of each branch and one academy-wide.
  db.insert(incidents)
    .values(buildIncident({ unitId: org.SH01, instituteId: org.SH01, tier: 2, occurredAt: at('2026-04-10T10:00:00+08:00') }))
    .run();
  db.insert(hazards)
    .values(
      buildHazard({
        unitId: org.BJ02,
        instituteId: org.BJ02,
        severity: 'major',
        domain: 'drones',
        foundAt: at('2026-04-02T10:00:00+08:00'),
        dueAt: at('2026-04-20T10:00:00+08:00'),
      }),
    )
    .run();
  addAlert(org.SH01, 'red', '2026-04-10T12:00:00+08:00', 'sh01-apr');
  addAlert(org.BJ01_D1, 'yellow', '2026-04-11T12:00:00+08:00', 'bj01d1-apr');
  addAlert(null, 'orange', '2026-04-30T23:30:00+08:00', 'academy-apr');
  addAlert(org.BJ02, 'orange', '2026-05-01T00:30:00+08:00', 'bj02-may'); // May in Shanghai, still April in UTC
  tokens.office = createApiToken(db, await addUser(db, 'b.office', 'office', 'HX'), 't').token;
  tokens.bj = createApiToken(db, await addUser(db, 'b.bj', 'branch_officer', 'BJ'), 't').token;
  tokens.sh01 = createApiToken(db, await addUser(db, 'b.sh01', 'reporter', 'SH01'), 't').token;
});
afterAll(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('catch-up at start', () => {
  it('on a fresh database generates only the previous month', async () => {
    expect(await catchUpBulletins(db, at('2026-04-01T08:00:00+08:00'))).toEqual(['2026-03']);
    expect(
      db
        .select()
        .from(bulletins)
        .all()
        .map((b) => b.month),
    ).toEqual(['2026-03']);
  });

  it('a server stopped over two month ends generates both missed bulletins when it starts, then none', async () => {
    // April's bulletin is due at 08:00 on 1 May, not earlier.
    expect(await catchUpBulletins(db, at('2026-05-01T07:59:00+08:00'))).toEqual([]);
    // Last bulletin: March. Down from 20 April to 2 June: April and May were missed.
    expect(await catchUpBulletins(db, at('2026-06-02T09:00:00+08:00'))).toEqual(['2026-04', '2026-05']);
    expect(await catchUpBulletins(db, at('2026-06-02T09:05:00+08:00'))).toEqual([]);
    expect(
      db
        .select()
        .from(bulletins)
        .all()
        .map((b) => b.month),
    ).toEqual(['2026-03', '2026-04', '2026-05']);
    const runs = db
      .select()
      .from(jobRuns)
      .all()
      .filter((r) => r.job === 'monthly-bulletin');
    expect(runs.map((r) => [r.period, r.status])).toEqual([
      ['2026-03', 'done'],
      ['2026-04', 'done'],
      ['2026-05', 'done'],
    ]);
  });
});

describe('content', () => {
  it("counts the month's new incidents by tier, hazards by severity, overdue ones at month end, levels and alerts", () => {
    const v = bulletinView(bulletinByMonth(db, '2026-04')!, { all: true });
    expect(v.totals.incidentsByTier).toEqual([0, 1, 0, 0]);
    expect(v.totals.hazards).toEqual({ general: 0, major: 1 });
    // March's four general hazards (due 3 April) and BJ02's major one (due 20 April) are all open at 1 May.
    expect(v.totals.overdueAtEnd).toEqual({ general: 4, major: 1 });
    const sh01 = v.institutes.find((r) => r.code === 'SH01')!;
    // Yellow from March's unapproved project start; the tier II incident sets the floor to red in April.
    expect([sh01.levelStart, sh01.levelEnd]).toEqual(['yellow', 'red']);
    expect(v.totals.rose).toBeGreaterThanOrEqual(1);
    // Alerts by Shanghai time: the one at 00:30 on 1 May belongs to May.
    expect(v.alerts.map((a) => a.messageEn)).toEqual(['Test alert sh01-apr', 'Test alert bj01d1-apr', 'Test alert academy-apr']);
    const march = bulletinView(bulletinByMonth(db, '2026-03')!, { all: true });
    expect(march.totals.incidentsByTier).toEqual([0, 0, 0, 4]);
    expect(march.institutes.find((r) => r.code === 'BJ01')!.incidentsByTier).toEqual([0, 0, 0, 2]); // with its department's
    // The trend: six months ending with the bulletin's month; March's ai records (4 incidents + 4 hazards).
    expect(v.trendMonths).toEqual(['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04']);
    expect(v.trend.find((m) => m.month === '2026-03')!.counts).toMatchObject({ ai: 8 });
    expect(v.trend.find((m) => m.month === '2026-04')!.counts).toEqual({ ai: 1, drones: 1 });
  });
});

describe('exactly once, frozen', () => {
  it('two concurrent runs, in this process and another connection, store the bulletin once', async () => {
    const other = openDatabase(process.env.FENGHUO_DB!);
    const now = at('2026-07-01T08:00:00+08:00');
    const outcomes = await Promise.all([
      generateBulletin(db, '2026-06', now),
      generateBulletin(other, '2026-06', now),
      catchUpBulletins(other, now),
    ]);
    other.$client.close();
    expect(outcomes.filter((o) => o === 'generated')).toHaveLength(1);
    expect(
      db
        .select()
        .from(bulletins)
        .all()
        .filter((b) => b.month === '2026-06'),
    ).toHaveLength(1);
    expect(await generateBulletin(db, '2026-06', now)).toBe('exists');
  });

  it('the stored body does not change when records change afterwards', async () => {
    const before = bulletinByMonth(db, '2026-04')!;
    db.insert(incidents)
      .values(buildIncident({ unitId: org.BJ01, instituteId: org.BJ01, tier: 1, occurredAt: at('2026-04-15T10:00:00+08:00') }))
      .run();
    addAlert(org.BJ01, 'red', '2026-04-15T11:00:00+08:00', 'late-apr');
    expect(await generateBulletin(db, '2026-04', at('2026-08-01T09:00:00+08:00'))).toBe('exists');
    expect(await catchUpBulletins(db, at('2026-08-01T09:00:00+08:00'))).toEqual(['2026-07']);
    const after = bulletinByMonth(db, '2026-04')!;
    expect(after.body).toEqual(before.body);
    expect(after.generatedAt).toEqual(before.generatedAt);
    expect(bulletinView(after, { all: true }).totals.incidentsByTier).toEqual([0, 1, 0, 0]);
  });
});

describe('regeneration', () => {
  it('a bulletin deleted by an operator is generated again by the next catch-up, once', async () => {
    db.delete(bulletins).where(eq(bulletins.month, '2026-07')).run();
    expect(await catchUpBulletins(db, at('2026-08-02T09:00:00+08:00'))).toEqual(['2026-07']);
    expect(await catchUpBulletins(db, at('2026-08-02T09:00:00+08:00'))).toEqual([]);
    expect(
      db
        .select()
        .from(bulletins)
        .all()
        .filter((b) => b.month === '2026-07'),
    ).toHaveLength(1);
  });
});

describe('scope', () => {
  it('a branch officer sees only its branch: rows, alerts and totals; never the academy-wide alert', () => {
    const bj = resolveActor(db, { bearerToken: tokens.bj })!;
    const v = bulletinView(bulletinByMonth(db, '2026-04')!, bj.scope);
    expect(v.wholeAcademy).toBe(false);
    expect(v.institutes.map((r) => r.code)).toEqual(['BJ01', 'BJ02']);
    expect(v.alerts.map((a) => a.messageEn)).toEqual(['Test alert bj01d1-apr']);
    expect(v.totals.incidentsByTier).toEqual([0, 0, 0, 0]); // SH01's tier II incident is not counted
    expect(v.totals.overdueAtEnd).toEqual({ general: 3, major: 1 });
    expect(v.totals.levelsAtEnd.red).toBe(0);
    expect(v.trend.find((m) => m.month === '2026-03')!.counts).toEqual({ ai: 6 });
  });

  it('the API answers the stored bulletin within the caller scope, 404 when not generated, 400 for a bad month', async () => {
    const all = await api('2026-04', tokens.office);
    expect(all.status).toBe(200);
    expect(all.body.scope).toBe('academy');
    expect(all.body.units.map((u: { unitCode: string }) => u.unitCode)).toEqual(['BJ01', 'BJ02', 'SH01']);
    expect(all.body.totals.incidentsByTier).toEqual({ I: 0, II: 1, III: 0, IV: 0 });

    const bj = await api('2026-04', tokens.bj);
    expect(bj.status).toBe(200);
    expect(bj.body.scope).toBe('partial');
    expect(bj.body.units.map((u: { unitCode: string }) => u.unitCode)).toEqual(['BJ01', 'BJ02']);
    expect(bj.body.totals.incidentsByTier).toEqual({ I: 0, II: 0, III: 0, IV: 0 });
    expect(JSON.stringify(bj.body)).not.toMatch(/SH01|sh01|academy-apr/);

    const sh = await api('2026-04', tokens.sh01);
    expect(sh.body.units.map((u: { unitCode: string }) => u.unitCode)).toEqual(['SH01']);
    expect(sh.body.alerts.map((a: { colour: string }) => a.colour)).toEqual(['red']);

    const missing = await api('2025-01', tokens.office);
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/2025-01 has not been generated/);
    for (const bad of ['2026-13', '2026-4', 'april']) {
      const res = await api(bad, tokens.office);
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].field).toBe('month');
    }
  });
});

describe('PDF', () => {
  it('embeds the Chinese text, in the viewer scope only; English with the switch', async () => {
    const bj = resolveActor(db, { bearerToken: tokens.bj })!;
    const v = bulletinView(bulletinByMonth(db, '2026-04')!, bj.scope);
    const pdf = await bulletinPdf(v, 'zh-CN', '北京分院');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await extractPages(pdf)).join('\n');
    expect(text).toContain('2026-04 月度预警简报');
    expect(text).toContain('各单位暂定等级及本月变化');
    expect(text).toContain('BJ02');
    expect(text).not.toContain('SH01');
    const en = (await extractPages(await bulletinPdf(bulletinView(bulletinByMonth(db, '2026-04')!, { all: true }), 'en', ''))).join('\n');
    expect(en).toContain('Monthly early-warning bulletin 2026-04');
    expect(en).toContain('SH01');
    expect(en).toMatch(/Red/);
  });

  it('lists the first 100 alerts of a month with many, counts the rest and points to the alerts inbox (issue 13)', async () => {
    const v = bulletinView(bulletinByMonth(db, '2026-04')!, { all: true });
    const template = v.alerts[0]!;
    // An institute's flood of overdue hazards fires an alert each.
    const many = {
      ...v,
      alerts: Array.from({ length: 250 }, (_, i) => ({
        ...template,
        id: 10_000 + i,
        messageEn: `Flood alert F${String(i).padStart(3, '0')}`,
      })),
    };
    const text = (await extractPages(await bulletinPdf(many, 'en', ''))).join('\n');
    const listed = new Set(text.match(/F\d{3}/g));
    expect(listed.size).toBe(100);
    expect(listed.has('F099')).toBe(true);
    expect(text).toMatch(/first 100 of 250 alerts/);
  });

  // Issue 14 item 13.
  it('leads with the institutes that need attention, numbers English pages in English, and keeps words whole', async () => {
    const stored = bulletinView(bulletinByMonth(db, '2026-04')!, { all: true });
    // All three rose in April: SH01 to red with a serious incident, BJ02 and BJ01 to orange, BJ02 with an
    // overdue major hazard. BJ01 is made to stay orange here, so that one institute needs nothing.
    const v = { ...stored, institutes: stored.institutes.map((r) => (r.code === 'BJ01' ? { ...r, levelStart: r.levelEnd } : r)) };
    expect(attentionFirst(stored.institutes).map((r) => r.code)).toEqual(['SH01', 'BJ02', 'BJ01']);
    expect(attentionFirst(v.institutes).map((r) => [r.code, needsAttention(r)])).toEqual([
      ['SH01', true],
      ['BJ02', true],
      ['BJ01', false],
    ]);
    const en = (await extractPages(await bulletinPdf(v, 'en', ''))).join('\n');
    expect(en).toMatch(/Page 1 of \d+/);
    expect(en).not.toMatch(/第 \d+ 页/);
    expect(en).toContain('Unchanged');
    const attention = en.indexOf('Needs attention');
    expect(attention).toBeGreaterThan(-1);
    expect(attention).toBeLessThan(en.indexOf('SH01'));
    expect(en.indexOf('SH01')).toBeLessThan(en.indexOf('BJ02'));
    expect(en.indexOf('BJ02')).toBeLessThan(en.indexOf('Other institutes (1)'));
    expect(en.indexOf('Other institutes (1)')).toBeLessThan(en.indexOf('BJ01'));
    const zh = (await extractPages(await bulletinPdf(v, 'zh-CN', ''))).join('\n');
    expect(zh).toMatch(/第 1 页 \/ 共 \d+ 页/);
    expect(zh).toContain('需关注');
  });
});
