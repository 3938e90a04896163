import ExcelJS from 'exceljs';
import { expect, test } from './fixtures';
import { logIn, one, readDb, subtree } from './helpers';

// A reporter of one institute types the address of another institute's record, of every kind, and is
// refused clearly; nothing of the record shows. Its own records open.
const kinds = [
  ['projects', 'projects'],
  ['assessments', 'assessments'],
  ['hazards', 'hazards'],
  ['incidents', 'incidents'],
  ['inspections', 'inspections'],
  ['ethics-committees', 'ethics_committees'],
  ['ethics-activities', 'ethics_activities'],
  ['ethics-annual-reports', 'ethics_annual_reports'],
] as const;

function recordsOf(unitCode: string) {
  const db = readDb();
  const ids = subtree(db, unitCode).join(',');
  const out = kinds.map(([kind, table]) => {
    const row = db.prepare(`SELECT id, external_id AS ext FROM ${table} WHERE unit_id IN (${ids}) ORDER BY id LIMIT 1`).get() as
      { id: number; ext: string } | undefined;
    return { kind, row };
  });
  db.close();
  return out;
}

test('a BJ01 reporter cannot open SH01 records of any kind by URL', async ({ page }) => {
  await logIn(page, 'bj01.reporter');
  let checked = 0;
  for (const { kind, row } of recordsOf('SH01')) {
    if (!row) continue;
    await page.goto(`/records/${kind}/${row.id}`);
    await expect(page.getByTestId('refusal')).toContainText('无权查看此记录');
    await expect(page.getByTestId('refusal')).toContainText('不在您的访问范围');
    await expect(page.getByText(row.ext)).toHaveCount(0);
    checked++;
  }
  expect(checked).toBeGreaterThanOrEqual(6);
});

test('a BJ01 reporter opens its own records', async ({ page }) => {
  await logIn(page, 'bj01.reporter');
  const own = recordsOf('BJ01').filter((r) => r.row);
  expect(own.length).toBeGreaterThanOrEqual(5);
  for (const { kind, row } of own.slice(0, 3)) {
    await page.goto(`/records/${kind}/${row!.id}`);
    await expect(page.getByTestId('record-detail')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(row!.ext);
  }
});

test('a branch officer of Beijing is refused a Shanghai incident, and its list holds only Beijing units', async ({ page }) => {
  await logIn(page, 'bj.officer');
  const incident = recordsOf('SH').find((r) => r.kind === 'incidents')!.row!;
  await page.goto(`/records/incidents/${incident.id}`);
  await expect(page.getByTestId('refusal')).toBeVisible();
  await page.goto('/records/incidents');
  const listed = await page.getByTestId('record-list').locator('tbody tr td:nth-child(1)').allInnerTexts();
  const db = readDb();
  const beijing = new Set(
    (
      db.prepare(`SELECT external_id AS ext FROM incidents WHERE unit_id IN (${subtree(db, 'BJ').join(',')})`).all() as { ext: string }[]
    ).map((r) => r.ext),
  );
  db.close();
  expect(listed.length).toBe(Math.min(50, beijing.size));
  for (const ext of listed) expect(beijing.has(ext.trim()), ext).toBe(true);
});

test('to a reporter an id that does not exist looks like any record outside its scope', async ({ page }) => {
  await logIn(page, 'bj01.reporter');
  await page.goto('/records/incidents/99999999');
  await expect(page.getByTestId('refusal')).toContainText('无权查看此记录');
});

test('an unknown record says so to the office', async ({ page }) => {
  await logIn(page, 'office');
  await page.goto('/records/incidents/99999999');
  await expect(page.getByTestId('not-found')).toContainText('记录不存在');
});

// The interface column of the isolation matrix (tests/integration/isolation-matrix.test.ts runs all of it
// through the real actions): each role opens another unit's record of every kind, and its edit page, by
// address; every one is refused and shows nothing of the record.
const attackers = [
  { login: 'bj01.reporter', targets: ['SH01', 'BJ02'] },
  { login: 'bj01.manager', targets: ['SH01', 'BJ02'] },
  { login: 'bj.officer', targets: ['SH'] },
] as const;

for (const { login, targets } of attackers) {
  test(`${login} is refused every kind of ${targets.join(' and ')} record and its edit page, by address`, async ({ page }) => {
    await logIn(page, login);
    let checked = 0;
    for (const target of targets) {
      for (const { kind, row } of recordsOf(target)) {
        if (!row) continue;
        for (const suffix of ['', '/edit']) {
          await page.goto(`/records/${kind}/${row.id}${suffix}`);
          await expect(page.getByTestId('refusal'), `${kind}/${row.id}${suffix}`).toContainText('无权查看此记录');
          await expect(page.getByTestId('record-detail')).toHaveCount(0);
          await expect(page.getByTestId('record-form')).toHaveCount(0);
          await expect(page.getByTestId('assessment-form')).toHaveCount(0);
          await expect(page.getByText(row.ext)).toHaveCount(0);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(12 * targets.length);
  });
}

test('no page a BJ01 reporter sees names another institute or counts its records', async ({ page }) => {
  const db = readDb();
  const others = db.prepare(`SELECT code, name FROM units WHERE kind = 'institute' AND code != 'BJ01' ORDER BY code`).all() as {
    code: string;
    name: string;
  }[];
  const ownRatings = one(db, `SELECT count(*) AS v FROM ratings WHERE institute_id = (SELECT id FROM units WHERE code = 'BJ01')`);
  db.close();
  expect(others.length).toBeGreaterThan(50);
  await logIn(page, 'bj01.reporter');
  for (const url of ['/', '/records', '/intake', '/units', '/ratings', '/ratings/warning-list', '/ratings/rules', '/units/BJ01']) {
    await page.goto(url);
    const text = await page.locator('main').innerText();
    for (const o of others) {
      expect(text, `${url} names ${o.code}`).not.toContain(o.name);
      expect(text, `${url} names ${o.code}`).not.toMatch(new RegExp(`\\b${o.code}\\b`));
    }
  }
  // Another institute's unit and rating pages, and the audit log, are refused.
  for (const url of ['/units/SH01', `/ratings/${new Date().getFullYear() - 1}/SH01`, '/audit']) {
    await page.goto(url);
    await expect(page.getByTestId('refusal'), url).toBeVisible();
  }
  // The rule sets' "ratings using it" counts the reporter's own institute's ratings only.
  await page.goto('/ratings/rules');
  const used = await page.getByTestId('rule-set-versions').locator('tbody tr td:last-child').allInnerTexts();
  const total = used.reduce((n, v) => n + Number(v.replace(/\D/g, '') || 0), 0);
  const after = readDb();
  const ownNow = one(after, `SELECT count(*) AS v FROM ratings WHERE institute_id = (SELECT id FROM units WHERE code = 'BJ01')`);
  after.close();
  expect(total).toBeGreaterThanOrEqual(Number(ownRatings));
  expect(total).toBe(Number(ownNow));
  // The warning notice downloads hold only BJ01 too.
  const xlsx = await page.request.get(`/ratings/notice?year=${new Date().getFullYear() - 1}&format=xlsx`);
  expect(xlsx.status()).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await xlsx.body()) as never);
  const cells: string[] = [];
  wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))));
  const sheetText = cells.join('\n');
  expect(sheetText).toContain('BJ01');
  for (const o of others) expect(sheetText, `notice names ${o.code}`).not.toMatch(new RegExp(`\\b${o.code}\\b`));
});
