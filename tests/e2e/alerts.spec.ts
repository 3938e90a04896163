import { expect, test } from './fixtures';
import { fileTierIIIncident, logIn, one, readDb } from './helpers';

// Alerts end to end: the demo's catch-up at start fired alerts; the office files a tier II incident
// through the form, finds its red alert unread in the inbox, opens and acknowledges it with a comment; the
// leader finds it among this month's alerts and cannot acknowledge; another institute's reporter cannot
// open it at all.
const ref = `INC-E2E-ALERT-${Date.now().toString(36)}`;

test('the daily job caught up at start: the demo holds alerts of several rules @pg', () => {
  const db = readDb();
  const rules = db.prepare('SELECT DISTINCT rule FROM alerts').all() as { rule: string }[];
  expect(rules.length).toBeGreaterThanOrEqual(4);
  expect(one(db, `SELECT count(*) AS v FROM job_runs WHERE job = 'alerts'`)).toBe(1);
  db.close();
});

test('office files a tier II incident, sees its red alert unread and acknowledges it; the leader sees it this month @pg', async ({
  browser,
}) => {
  const office = await (await browser.newContext()).newPage();
  await logIn(office, 'office');
  await fileTierIIIncident(office, ref);

  // The alert was stored with the incident; the header counts the unread (other tests file alerts too, so
  // the exact number is not fixed here).
  await office.goto('/alerts?rule=incident.serious');
  await expect(office.getByTestId('unread-alerts')).toContainText(/^\d+ 条未读预警$/);
  expect(Number(await office.getByTestId('unread-alerts').getAttribute('data-count'))).toBeGreaterThan(0);
  const row = office.getByTestId('alert-row').filter({ hasText: ref });
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-colour', 'red');
  await expect(row).toHaveAttribute('data-read', 'no');
  await expect(row).toContainText('红');
  await expect(row).toContainText('未读');
  await expect(row).toContainText(`记录了Ⅱ级 重大事件 ${ref}`);

  await row.getByRole('link', { name: '查看' }).click();
  await expect(office).toHaveURL(/\/alerts\/\d+$/);
  const alertPath = new URL(office.url()).pathname;
  await expect(office.getByTestId('alert-detail')).toHaveAttribute('data-colour', 'red');
  await expect(office.getByTestId('alert-links').getByRole('link', { name: new RegExp(ref) })).toHaveAttribute(
    'href',
    /\/records\/incidents\/\d+$/,
  );
  await office.getByTestId('acknowledge').getByRole('button', { name: '确认预警' }).click();
  const dialog = office.getByRole('dialog');
  await dialog.getByLabel('说明（可选）').fill('已通知北京分院跟进调查');
  await dialog.getByRole('button', { name: '确认', exact: true }).click();
  // The page re-renders acknowledged: who, when and the comment, and no button any more.
  await expect(office.getByTestId('alert-ack')).toContainText(/于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 确认/);
  await office.reload();
  await expect(office.getByTestId('alert-ack')).toContainText('已通知北京分院跟进调查');
  await expect(office.getByTestId('acknowledge')).toHaveCount(0);
  // Opened, so read.
  await office.goto('/alerts?rule=incident.serious');
  await expect(office.getByTestId('alert-row').filter({ hasText: ref })).toHaveAttribute('data-read', 'yes');

  const db = readDb();
  const id = Number(alertPath.split('/').pop());
  expect(one(db, `SELECT count(*) AS v FROM audit_log WHERE action = 'alert.acknowledge' AND entity_id = ?`, id)).toBe(1);
  db.close();

  // The leader: this month's alerts hold it, acknowledged; leadership reads only.
  const leader = await (await browser.newContext()).newPage();
  await logIn(leader, 'leader');
  // Newest first: by default what needs action comes first, and an acknowledged alert comes last (issue 14).
  await leader.goto('/alerts?sort=newest');
  await leader.getByTestId('this-month').click();
  await expect(leader).toHaveURL(/period=\d{4}-\d{2}/);
  const leaderRow = leader.getByTestId('alert-row').filter({ hasText: ref });
  await expect(leaderRow).toHaveCount(1);
  await expect(leaderRow).toContainText(/于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 确认/);
  await leader.goto(alertPath);
  await expect(leader.getByTestId('alert-message')).toContainText(ref);
  await expect(leader.getByTestId('alert-ack')).toContainText('已通知北京分院跟进调查');

  // Another institute's reporter: the alert is outside its scope, told plainly, nothing shown.
  const sh = await (await browser.newContext()).newPage();
  await logIn(sh, 'sh01.reporter');
  await sh.goto(alertPath);
  await expect(sh.getByTestId('refusal')).toBeVisible();
  await expect(sh.getByText(ref)).toHaveCount(0);
});
