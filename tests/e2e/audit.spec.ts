import { expect, test } from './fixtures';
import { logIn } from './helpers';

test('the office reads the audit log with its chain verified; a write appears in it; a reporter is refused', async ({ page, browser }) => {
  // A write to audit: a reporter imports one incident.
  const reporter = await browser.newPage();
  await logIn(reporter, 'bj01.reporter');
  const csv = '\uFEFFexternalId,unitCode,domain,dimension,tier,occurredAt\r\nE2E-AUDIT-1,BJ01,ai,data,4,2026-03-04T09:30:00+08:00';
  const preview = await reporter.request.post('/intake/import/upload', {
    multipart: { step: 'preview', kind: 'incidents', file: { name: 'a.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) } },
  });
  const stagedId = (await preview.text())
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .find((l) => l.report).stagedId;
  await reporter.request.post('/intake/import/upload', { multipart: { step: 'confirm', stagedId } });
  await reporter.goto('/audit');
  await expect(reporter.getByTestId('refusal')).toBeVisible();
  await reporter.close();

  await logIn(page, 'office');
  await page.getByRole('link', { name: '审计日志' }).first().click();
  await expect(page.getByTestId('audit-chain')).toContainText('哈希链完整');
  await page.locator('select[name="kind"]').selectOption('incidents');
  await page.getByRole('button', { name: '筛选' }).click();
  await expect(page).toHaveURL(/kind=incidents/);
  const list = page.getByTestId('audit-list');
  await expect(list).toContainText('incidents.create');
  await expect(list).toContainText('bj01.reporter');
  await expect(list).toContainText('E2E-AUDIT-1');
});
