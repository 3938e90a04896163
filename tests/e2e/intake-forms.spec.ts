import { expect, test } from './fixtures';
import { type Page } from '@playwright/test';
import { logIn, one, readDb, subtree } from './helpers';

// Filing records through the forms and the CAS workflow, in Chinese, against the production build on the
// demo data. Records made here are dated last year, so the overview's this-year figures other specs check
// do not move under them.
const lastYear = new Date().getFullYear() - 1;
const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

async function firstBj01Project(): Promise<string> {
  const db = readDb();
  const ext = one<string>(
    db,
    `SELECT p.external_id AS v FROM projects p JOIN units u ON u.id = p.unit_id
     WHERE u.code = 'BJ01' AND p.status != 'withdrawn' ORDER BY p.id DESC LIMIT 1`,
  );
  db.close();
  return ext;
}

/** A reporter files a complete assessment through the form and submits it; returns its page. */
async function fileAssessment(page: Page): Promise<string> {
  const project = await firstBj01Project();
  await page.goto('/records/assessments/new');
  const form = page.getByTestId('assessment-form');
  await form.getByLabel('编号').fill(`ASM-E2E-${unique()}`);
  await form.getByLabel('关联项目').selectOption(project);
  // The 5×5 grid: 25 cells per dimension, each with its score.
  const data = page.locator('[data-dimension="data"]');
  await expect(data.locator('[data-cell]')).toHaveCount(25);
  await expect(data.locator('[data-cell="4x3"]')).toHaveText('12');
  const cells: [string, string][] = [
    ['chokepoint', '2x2'],
    ['loss', '3x4'],
    ['regulatory', '1x2'],
    ['data', '4x3'],
    ['ethics', '2x3'],
    ['opinion', '1x1'],
    ['secrecy', '2x5'],
  ];
  for (const [dimension, cell] of cells) {
    await page.locator(`[data-dimension="${dimension}"] [data-cell="${cell}"]`).click();
    await page.locator(`[data-dimension="${dimension}"]`).getByLabel('防范措施').fill('落实防范措施');
  }
  // The chosen cell is marked in words and with a tick, and the overall level follows live.
  await expect(data.locator('[data-cell="4x3"]')).toHaveAttribute('aria-checked', 'true');
  await expect(data.locator('[data-cell="4x3"]')).toHaveText('✓12');
  await expect(page.getByTestId('dim.data-choice')).toContainText('可能性 4 × 影响 3 = 12 高（橙）');
  await expect(page.getByTestId('live-overall')).toContainText('高（橙）R=12');
  await form.getByRole('button', { name: '保存并提交审核' }).click();
  await expect(page.getByTestId('saved')).toHaveText('已保存。');
  await expect(page).toHaveURL(/\/records\/assessments\/\d+$/);
  return new URL(page.url()).pathname;
}

test('a reporter files an incident in Chinese whose figures raise its tier, is told why, and finds it in the list @pg', async ({
  page,
}) => {
  await logIn(page, 'bj01.reporter');
  await page.goto('/records/incidents');
  await page.getByTestId('new-record').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('新建事件事故');
  const form = page.getByTestId('record-form');
  const ref = `INC-E2E-${unique()}`;
  await form.getByLabel('编号').fill(ref);
  await form.getByLabel('领域').selectOption('drones');
  await form.getByLabel('风险维度').selectOption('loss');
  await form.getByLabel('发生时间').fill(`${lastYear}-03-04T09:30`);
  await form.getByLabel('发现时间').fill(`${lastYear}-03-04T10:00`);
  await form.getByLabel('报告时间').fill(`${lastYear}-03-05T12:00`);
  await form.getByLabel('死亡人数').fill('3');
  await form.getByLabel('事件概况').fill('无人机试飞失控坠入人群');
  await expect(form.getByLabel('事件等级')).toHaveValue('4');

  // Live, before saving: the raised tier, why, and the deadline it missed.
  await expect(page.getByTestId('tier-raised')).toContainText('将由 Ⅳ级 一般 上调为 Ⅲ级 较大');
  await expect(page.getByTestId('tier-raised')).toContainText('死亡 3 人（达到 3 人的标准）');
  await expect(page.getByTestId('report-deadline')).toContainText(`发现后 24 小时内，即 ${lastYear}-03-05 10:00 前`);
  await expect(page.getByTestId('report-deadline')).toContainText('迟报');

  await form.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('saved')).toHaveText('已保存。');
  // The notice is said once: its parameters leave the address.
  await expect(page).toHaveURL(/\/records\/incidents\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`事件事故 ${ref}`);
  await expect(page.getByTestId('tier-raised')).toContainText('事件等级已由 Ⅳ级 一般 上调为 Ⅲ级 较大，因为：');
  await expect(page.getByTestId('tier-raised')).toContainText('死亡 3 人（达到 3 人的标准）');
  await expect(page.getByTestId('incident-tier')).toHaveText('Ⅲ级 较大');
  await expect(page.getByTestId('workflow').getByTestId('report-deadline')).toContainText('迟报');

  const db = readDb();
  expect(one(db, 'SELECT tier AS v FROM incidents WHERE external_id = ?', ref)).toBe(3);
  db.close();

  await page.goto('/records/incidents');
  await page.getByTestId('list-filters').getByLabel('搜索').fill(ref);
  await page.getByTestId('list-filters').getByRole('button', { name: '筛选' }).click();
  await expect(page).toHaveURL(new RegExp(`q=${ref}`));
  const rows = page.getByTestId('record-list').locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(ref);
  await expect(rows.first()).toContainText('已报告');
});

test('a refused form names the bad field in Chinese and keeps everything typed', async ({ page }) => {
  await logIn(page, 'bj01.reporter');
  await page.goto('/records/incidents/new');
  const form = page.getByTestId('record-form');
  await form.getByLabel('编号').fill('INC E2E 1');
  await form.getByLabel('领域').selectOption('ai');
  await form.getByLabel('风险维度').selectOption('data');
  await form.getByLabel('发生时间').fill(`${lastYear}-06-01T08:15`);
  await form.getByLabel('重伤人数').fill('2');
  await form.getByLabel('事件概况').fill('训练数据外泄');
  await form.getByRole('button', { name: '保存' }).click();

  await expect(page.getByTestId('record-form').getByRole('alert').first()).toContainText('请修改标出的内容后重试。');
  await expect(page.locator('#f-externalId-error')).toHaveText('不能包含空格或控制字符。');
  await expect(page.locator('#f-externalId')).toHaveAttribute('aria-invalid', 'true');
  const kept = page.getByTestId('record-form');
  await expect(kept.getByLabel('编号')).toHaveValue('INC E2E 1');
  await expect(kept.getByLabel('领域')).toHaveValue('ai');
  await expect(kept.getByLabel('风险维度')).toHaveValue('data');
  await expect(kept.getByLabel('发生时间')).toHaveValue(`${lastYear}-06-01T08:15`);
  await expect(kept.getByLabel('重伤人数')).toHaveValue('2');
  await expect(kept.getByLabel('事件概况')).toHaveValue('训练数据外泄');
  expect(page.url()).toMatch(/\/records\/incidents\/new$/);
});

test('a manager approves a submitted assessment on its page, which shows the 5×5 grid; the reporter had no approve button', async ({
  page,
  browser,
}) => {
  await logIn(page, 'bj01.reporter');
  const path = await fileAssessment(page);
  await expect(page.getByTestId('risk-matrix')).toBeVisible();
  await expect(page.getByTestId('progress')).toContainText('待审核');
  await expect(page.getByRole('button', { name: '审核通过' })).toHaveCount(0);
  await expect(page.getByTestId('decide-assessment')).toHaveCount(0);

  const manager = await (await browser.newContext()).newPage();
  await logIn(manager, 'bj01.manager');
  await manager.goto(path);
  await expect(manager.getByTestId('risk-matrix')).toBeVisible();
  await expect(manager.getByTestId('risk-matrix').locator('td[data-cell]')).toHaveCount(25);
  await expect(manager.getByTestId('overall-risk')).toContainText('高（橙）R=12');
  // Rejecting without a comment is refused beside the comment field.
  await manager.getByTestId('decide-assessment').getByRole('button', { name: '驳回' }).click();
  await expect(manager.getByText('驳回时须填写审核意见，说明需要修改的内容。')).toBeVisible();
  await manager.getByTestId('decide-assessment').getByRole('button', { name: '审核通过' }).click();
  await expect(manager.getByTestId('progress')).toContainText('已通过');
  await expect(manager.getByTestId('decide-assessment')).toHaveCount(0);
  await expect(manager.getByTestId('history')).toContainText('审核通过');

  const id = Number(path.split('/').pop());
  const db = readDb();
  expect(one<string>(db, 'SELECT status AS v FROM assessments WHERE id = ?', id)).toBe('approved');
  expect(one<string>(db, 'SELECT u.login AS v FROM assessments a JOIN users u ON u.id = a.decided_by WHERE a.id = ?', id)).toBe(
    'bj01.manager',
  );
  db.close();
  await manager.context().close();
});

test('leadership sees no write buttons and cannot open a form; a reporter has no approve button', async ({ page, browser }) => {
  const db = readDb();
  const submitted = one(db, `SELECT id AS v FROM assessments ORDER BY status = 'submitted' DESC, id LIMIT 1`);
  db.close();
  await logIn(page, 'leader');
  for (const kind of ['incidents', 'assessments', 'projects']) {
    await page.goto(`/records/${kind}`);
    await expect(page.getByTestId('record-list')).toBeVisible();
    await expect(page.getByTestId('new-record')).toHaveCount(0);
  }
  await page.goto(`/records/assessments/${submitted}`);
  await expect(page.getByTestId('record-detail')).toBeVisible();
  await expect(page.getByTestId('record-actions')).toHaveCount(0);
  await expect(page.getByRole('button', { name: '审核通过' })).toHaveCount(0);
  await page.goto('/records/incidents/new');
  await expect(page.getByTestId('refusal')).toContainText('您的角色只能查看，不能提交或修改记录。');
  await expect(page.getByTestId('record-form')).toHaveCount(0);

  // A submitted demo assessment of BJ01 (not one another test is approving meanwhile), if the demo has one.
  const db2 = readDb();
  const own = db2
    .prepare(
      `SELECT id FROM assessments WHERE status = 'submitted' AND external_id NOT LIKE 'ASM-E2E-%'
       AND unit_id IN (${subtree(db2, 'BJ01').join(',')}) ORDER BY id LIMIT 1`,
    )
    .get() as { id: number } | undefined;
  db2.close();
  const reporter = await (await browser.newContext()).newPage();
  await logIn(reporter, 'bj01.reporter');
  if (own) {
    await reporter.goto(`/records/assessments/${own.id}`);
    await expect(reporter.getByTestId('record-detail')).toBeVisible();
    await expect(reporter.getByRole('button', { name: '审核通过' })).toHaveCount(0);
    await expect(reporter.getByText('等待单位科研管理部门或院安委办审核。')).toBeVisible();
  }
  await reporter.context().close();
});

test('a reporter cannot open the edit page of another institute’s record', async ({ page }) => {
  const db = readDb();
  const sh = subtree(db, 'SH01').join(',');
  const incident = one(db, `SELECT id AS v FROM incidents WHERE unit_id IN (${sh}) ORDER BY id LIMIT 1`);
  const ext = one<string>(db, 'SELECT external_id AS v FROM incidents WHERE id = ?', incident);
  const hazard = one(db, `SELECT id AS v FROM hazards WHERE unit_id IN (${sh}) ORDER BY id LIMIT 1`);
  db.close();
  await logIn(page, 'bj01.reporter');
  for (const path of [`/records/incidents/${incident}/edit`, `/records/hazards/${hazard}/edit`]) {
    await page.goto(path);
    await expect(page.getByTestId('refusal')).toContainText('无权查看此记录');
    await expect(page.getByTestId('record-form')).toHaveCount(0);
  }
  await expect(page.getByText(ext)).toHaveCount(0);
});

test('a project cannot be marked started without an approved assessment or its permit, and the page says which gate', async ({ page }) => {
  await logIn(page, 'bj01.reporter');
  await page.goto('/records/projects/new');
  const form = page.getByTestId('record-form');
  const ref = `PRJ-E2E-${unique()}`;
  await form.getByLabel('编号').fill(ref);
  await form.getByLabel('项目名称').fill('侵入式脑机接口临床前研究');
  await form.getByLabel('领域').selectOption('brain_science');
  await form.getByLabel('需行政许可').check();
  await form.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('saved')).toBeVisible();
  await expect(page.getByTestId('gates').locator('[data-gate="approval"]')).toHaveAttribute('data-ok', 'false');

  await page.getByTestId('start-project').getByRole('button', { name: '标记为已开始' }).click();
  const error = page.locator('#start-project-startedAt-error');
  await expect(error).toContainText('缺少已通过审核的安全风险评估');
  await expect(error).toContainText('项目需行政许可，但尚未取得许可');
  const db = readDb();
  expect(one<string>(db, 'SELECT status AS v FROM projects WHERE external_id = ?', ref)).toBe('planned');
  db.close();
});
