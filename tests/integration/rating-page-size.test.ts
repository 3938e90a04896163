import { renderToString } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/domain/auth/actor';
import type { Locale } from '@/domain/i18n/locales';
import { serverDbFile } from '../setup/server-db-file';

// Issue 13, item 8: one institute with 20,000 hazards (posted by its own reporter) must not make its rating
// page render megabytes. The real page component renders on a real migrated SQLite file; only who is
// asking and in which language are stubbed, as a request's cookies would give them.
const { remove } = serverDbFile('fenghuo-rating-page-', 'rating-page.db');

const who = vi.hoisted(() => ({ actor: null as Actor | null, locale: 'zh-CN' as Locale }));
vi.mock('@/server/auth/current-actor', () => ({ currentActor: async () => who.actor, requireActor: async () => who.actor }));
vi.mock('next-intl/server', async () => {
  const { createTranslator } = await import('next-intl');
  const messages = {
    'zh-CN': (await import('@/domain/i18n/messages/zh-CN.json')).default,
    en: (await import('@/domain/i18n/messages/en.json')).default,
  };
  return {
    getLocale: async () => who.locale,
    getTranslations: async (namespace?: string) =>
      createTranslator({ locale: who.locale, messages: messages[who.locale] as never, namespace: namespace as never }),
  };
});

const { getDb } = await import('@/db/client');
const { rawAll } = await import('@/db/engine');
const { sql } = await import('drizzle-orm');
const { migrateDatabase } = await import('@/db/migrate');
const { ensureReferenceData } = await import('@/db/reference/reference');
const { insertDataset } = await import('@/features/demo/insert-dataset');
const { seedSmallOrg, addUser, org } = await import('../setup/small-org');
const { resolveActor } = await import('@/features/auth/resolve-actor');
const { createApiToken } = await import('@/features/auth/api-tokens');
const { buildHazard, buildIncident } = await import('@/features/demo/factories');
const { shanghaiYear } = await import('@/domain/time/shanghai');
const { RULE_PAGE_SIZE } = await import('@/domain/rating/contribution-groups');
const { refreshProvisionalRatings } = await import('@/features/rating/refresh');
const { default: UnitRatingPage } = await import('@/app/(decided)/ratings/[year]/[unitCode]/page');

const db = getDb();
const LAST_YEAR = shanghaiYear(new Date()) - 1;
const HAZARDS = 20_000;
const MAJOR = 500;
const MAX_HTML = 1_000_000;

async function render(search: Record<string, string> = {}, locale: Locale = 'zh-CN') {
  who.locale = locale;
  // CPU time, not wall time: a machine busy with other work must not fail this test, a slow page must.
  const cpu = process.cpuUsage();
  const element = await UnitRatingPage({
    params: Promise.resolve({ year: String(LAST_YEAR), unitCode: 'BJ01' }),
    searchParams: Promise.resolve(search),
  });
  const html = renderToString(element);
  const used = process.cpuUsage(cpu);
  return { html, ms: (used.user + used.system) / 1000 };
}

/** The number in a data attribute of every element carrying it. */
const attrs = (html: string, name: string) => [...html.matchAll(new RegExp(`${name}="([^"]*)"`, 'g'))].map((m) => m[1]!);

beforeAll(async () => {
  await migrateDatabase(db);
  await ensureReferenceData(db);
  await seedSmallOrg(db, new Date(`${LAST_YEAR}-03-04T09:30:00+08:00`));
  const found = new Date(`${LAST_YEAR}-02-01T10:00:00+08:00`);
  // Found last year and never rectified: each is found (+1 or +5) and overdue; the major ones also set the
  // long-overdue floor, so four rules contribute tens of thousands of lines between them.
  await insertDataset(db, {
    units: [],
    projects: [],
    assessments: [],
    assessmentDimensions: [],
    // One drone incident beside the flood of AI hazards: a heatmap cell narrows the page to one domain.
    incidents: [
      buildIncident({
        unitId: org.BJ01,
        instituteId: org.BJ01,
        externalId: 'DRONE-1',
        domain: 'drones',
        occurredAt: new Date(`${LAST_YEAR}-05-04T09:30:00+08:00`),
      }),
    ],
    inspections: [],
    ethicsCommittees: [],
    ethicsActivities: [],
    ethicsAnnualReports: [],
    hazards: Array.from({ length: HAZARDS }, (_, i) =>
      buildHazard({
        unitId: org.BJ01,
        instituteId: org.BJ01,
        externalId: `FLOOD-${String(i).padStart(6, '0')}`,
        severity: i < MAJOR ? 'major' : 'general',
        foundAt: found,
      }),
    ),
  });
  const token = (await createApiToken(db, await addUser(db, 'u.office', 'office', 'HX'), 't')).token;
  who.actor = (await resolveActor(db, { bearerToken: token }))!;
  // What the daily job does at start (reads never rate, decision 045): the year just ended gets its final ratings.
  await refreshProvisionalRatings(db, new Date());
}, 120_000);

afterAll(() => {
  db.close();
  remove();
});

describe('the rating page of an institute with 20,000 hazards', () => {
  it('stays under 1 MB, renders in bounded time and counts every contribution per rule', async () => {
    await render(); // the first view warms the page's modules and statements
    const { html, ms } = await render();
    console.log(`rating page: ${html.length} characters in ${ms.toFixed(0)} ms of CPU`);
    expect(html.length).toBeLessThan(MAX_HTML);
    expect(ms).toBeLessThan(5_000);
    const rules = attrs(html, 'data-rule');
    const counts = attrs(html, 'data-count').map(Number);
    const shown = new Map(rules.map((r, i) => [r, counts[i]]));
    const stored = await rawAll<{ rule: string; n: number }>(
      db,
      sql`SELECT c.rule AS rule, count(*) AS n FROM rating_contributions c JOIN ratings r ON r.id = c.rating_id
          WHERE r.institute_id = ${org.BJ01} AND r.year = ${LAST_YEAR} AND r.status = 'final' GROUP BY c.rule`,
    );
    // Every rule once, with every one of its lines counted (the seed's own records add a few).
    expect([...rules].sort()).toEqual(stored.map((r) => r.rule).sort());
    for (const { rule, n } of stored) expect(shown.get(rule), rule).toBe(n);
    expect(stored.find((r) => r.rule === 'hazard.major_overdue_90d')?.n).toBe(MAJOR);
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(2 * HAZARDS);
    // The floors in the summary are named a few at a time too: every long-overdue major hazard sets one.
    expect(html.match(/data-testid="floor-line"/g)?.length).toBe(5);
    expect(html).toMatch(/另有 \d+ 条底线/);
  }, 120_000);

  it('lists one rule page by page, every line reachable, in both languages', async () => {
    const pages = Math.ceil(MAJOR / RULE_PAGE_SIZE);
    const refs = new Set<string>();
    for (let page = 1; page <= pages; page++) {
      const { html, ms } = await render({ rule: 'hazard.major', page: String(page) }, page % 2 ? 'zh-CN' : 'en');
      expect(html.length).toBeLessThan(MAX_HTML);
      expect(ms).toBeLessThan(5_000);
      expect(attrs(html, 'data-count')).toEqual([String(MAJOR)]);
      for (const m of html.matchAll(/FLOOD-\d{6}/g)) refs.add(m[0]);
    }
    expect(refs.size).toBe(MAJOR);
  }, 180_000);

  it('opened from a heatmap cell, sums only that domain in the footer as in the filter line (issue 14 item 14)', async () => {
    const { html } = await render({ domain: 'drones' }, 'en');
    const filter = /data-testid="domain-filter"[\s\S]*?(\d+) points/.exec(html)?.[1];
    const total = /data-testid="contributions-total"[^>]*>([^<]*)</.exec(html)?.[1];
    expect(filter).toBe('5');
    expect(total).toMatch(/\b5 points?\b/);
    const all = await render({}, 'en');
    expect(/data-testid="contributions-total"[^>]*>([^<]*)</.exec(all.html)?.[1]).not.toMatch(/\b5 points?\b/);
  });
});
