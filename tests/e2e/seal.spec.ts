import { expect, test } from './fixtures';
import { logIn, readDb } from './helpers';

// Reviewed records are sealed (decision 023): BJ01's reporter sees no Edit or Withdraw on a closed incident,
// only why and a way to propose a correction; BJ01's unit manager accepts the correction on the record page.
test('a reporter proposes a correction of a closed incident and the unit manager accepts it', async ({ browser }, testInfo) => {
  const db = readDb();
  const incident = db
    .prepare(
      `SELECT i.id, i.external_id AS ref FROM incidents i JOIN units u ON u.id = i.institute_id
       WHERE u.code = 'BJ01' AND i.status = 'closed' AND i.concealed = 0 ORDER BY i.tier, i.id LIMIT 1`,
    )
    .get() as { id: number; ref: string };
  db.close();
  const summary = `更正：复核确认事件经过 ${Date.now()}`;

  const reporter = await (await browser.newContext()).newPage();
  await logIn(reporter, 'bj01.reporter');
  await reporter.goto(`/records/incidents/${incident.id}`);
  await expect(reporter.getByTestId('sealed')).toContainText('已审核（已结案），修改需提交更正申请。');
  await expect(reporter.getByRole('button', { name: '撤回…' })).toHaveCount(0);
  await expect(reporter.getByRole('link', { name: '修改', exact: true })).toHaveCount(0);
  await reporter.screenshot({ path: testInfo.outputPath('sealed-zh.png'), fullPage: true });

  await reporter.getByTestId('propose-correction').click();
  await expect(reporter.getByTestId('correction-reason')).toBeVisible();
  await reporter.getByLabel('事件概况').fill(summary);
  // The reason is required: without it the proposal is refused beside the field.
  await reporter.getByRole('button', { name: '提交更正申请' }).click();
  await expect(reporter.getByTestId('correction-reason')).toContainText('必填');
  await reporter.getByLabel('事件概况').fill(summary);
  await reporter.getByLabel('更正理由 *').fill('调查报告补充了事件经过');
  await reporter.getByRole('button', { name: '提交更正申请' }).click();
  await expect(reporter.getByText('更正申请已提交，等待审核。')).toBeVisible();
  await expect(reporter.getByTestId('corrections')).toContainText('待审核');
  await reporter.screenshot({ path: testInfo.outputPath('proposed-zh.png'), fullPage: true });

  const manager = await (await browser.newContext()).newPage();
  await logIn(manager, 'bj01.manager');
  await manager.goto('/records/corrections');
  await expect(manager.getByTestId('pending-corrections')).toContainText(incident.ref);
  await manager.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: manager.url() }]);
  await manager.goto(`/records/incidents/${incident.id}`);
  await manager.screenshot({ path: testInfo.outputPath('decide-en.png'), fullPage: true });
  await manager.getByRole('button', { name: 'Accept the correction' }).click();
  await expect(manager.getByTestId('corrections')).toContainText('Accepted');
  await expect(manager.getByTestId('record-detail')).toContainText(summary);
  await manager.goto('/records/corrections');
  await expect(manager.getByTestId('corrections-empty')).toBeVisible();
});
