import { beforeAll, describe, expect, it } from 'vitest';
import { api, at, db, tokens, withBulletinsDatabase } from './bulletins-fixture';

// April's bulletin as its readers get it: within their scope, through the API and as a PDF. Its
// generation: bulletins.test.ts.
const { resolveActor } = await import('@/features/auth/resolve-actor');
const { generateBulletin } = await import('@/features/bulletins/due-bulletins');
const { bulletinByMonth } = await import('@/db/bulletins/bulletins');
const { bulletinView } = await import('@/domain/bulletins/view');
const { bulletinPdf } = await import('@/features/bulletins/pdf');
const { attentionFirst, needsAttention } = await import('@/domain/bulletins/attention');
const { extractPages } = await import('../unit/pdf/extract-text');

withBulletinsDatabase();
beforeAll(async () => {
  expect(await generateBulletin(db, '2026-04', at('2026-05-01T09:00:00+08:00'))).toBe('generated');
});

describe('scope', () => {
  it('a branch officer sees only its branch: rows, alerts and totals; never the academy-wide alert', async () => {
    const bj = (await resolveActor(db, { bearerToken: tokens.bj }))!;
    const v = bulletinView((await bulletinByMonth(db, '2026-04'))!, bj.scope);
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
    const bj = (await resolveActor(db, { bearerToken: tokens.bj }))!;
    const v = bulletinView((await bulletinByMonth(db, '2026-04'))!, bj.scope);
    const pdf = await bulletinPdf(v, 'zh-CN', '北京分院');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await extractPages(pdf)).join('\n');
    expect(text).toContain('2026-04 月度预警简报');
    expect(text).toContain('各单位暂定等级及本月变化');
    expect(text).toContain('BJ02');
    expect(text).not.toContain('SH01');
    const en = (await extractPages(await bulletinPdf(bulletinView((await bulletinByMonth(db, '2026-04'))!, { all: true }), 'en', ''))).join(
      '\n',
    );
    expect(en).toContain('Monthly early-warning bulletin 2026-04');
    expect(en).toContain('SH01');
    expect(en).toMatch(/Red/);
  });

  it('lists the first 100 alerts of a month with many, counts the rest and points to the alerts inbox (issue 13)', async () => {
    const v = bulletinView((await bulletinByMonth(db, '2026-04'))!, { all: true });
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
    const stored = bulletinView((await bulletinByMonth(db, '2026-04'))!, { all: true });
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
