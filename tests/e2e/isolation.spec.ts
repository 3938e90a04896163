import { expect, test } from '@playwright/test';
import { logIn, readDb, subtree } from './helpers';

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
