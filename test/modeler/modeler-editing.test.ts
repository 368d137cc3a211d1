/**
 * The modeler in a real browser (Debian's chromium, headless): the analyst signs in, draws a
 * process with a user task, picks its role from the API's list, sees bpmnlint's error for a gateway
 * whose flows have no conditions and fixes it, deploys, and finds the new version on the start
 * page; the UI switches to English and back. Screenshots go to test-output/modeler/.
 */
import { screenshot } from './support/browser.js';
import { browserSession } from './support/browser-session.js';
import { signIn } from './support/sign-in.js';
import { addedFlow, clickConnection, contextPad, field, lintedIds, openGroup, replaceWith, selectedId, shape } from './support/diagram.js';
import type { Page } from 'playwright-core';

const session = browserSession();

/** More than the properties panel's input debounce (300 ms). */
const DEBOUNCE_MS = 600;

async function nameSelected(page: Page, name: string): Promise<void> {
  await openGroup(page, 'general');
  await field(page, 'name').fill(name);
  // Leaving the field commits the name (the panel debounces typing), which redraws the context pad.
  await field(page, 'name').blur();
  await page.waitForTimeout(DEBOUNCE_MS);
}

test('the analyst draws, checks and deploys a process; the new version is listed', async () => {
  const { context, page, problems } = await session.open();
  try {
    await signIn(page, 'phantich1');
    await screenshot(page, '01-start-page');
    await page.locator('#new-diagram').click();
    await page.locator('#app[data-ready]').waitFor();

    await shape(page, 'StartEvent_1').click();
    await nameSelected(page, 'Nộp hồ sơ');
    await contextPad(page, 'append.append-task');
    await replaceWith(page, 'replace-with-user-task');
    const task = await selectedId(page);
    await nameSelected(page, 'Tiếp nhận hồ sơ');
    await openGroup(page, 'motcua-procedure');
    await field(page, 'motcua-candidateGroup').selectOption('mot_cua');
    await field(page, 'motcua-allowanceHours').fill('4');
    await page.waitForTimeout(DEBOUNCE_MS);
    await field(page, 'motcua-dossierStatus').selectOption('2');
    await screenshot(page, '02-user-task-properties');

    await contextPad(page, 'append.gateway');
    const gateway = await selectedId(page);
    await nameSelected(page, 'Hợp lệ?');
    const accepted = await addedFlow(page, () => contextPad(page, 'append.end-event'));
    await nameSelected(page, 'Đã tiếp nhận');
    await shape(page, gateway).click();
    const refused = await addedFlow(page, () => contextPad(page, 'append.end-event'));
    await nameSelected(page, 'Từ chối');

    // One flow made the default: the gateway now decides by conditions, and the other flow has none.
    await clickConnection(page, refused);
    await replaceWith(page, 'replace-with-default-flow');
    const missing = 'Luồng tuần tự thiếu điều kiện';
    await page.locator('.bjsl-overlay', { hasText: missing }).first().waitFor({ state: 'attached' });
    expect(await lintedIds(page, missing)).toEqual([accepted]);
    // The engine's own check says it too, in Vietnamese.
    expect(await lintedIds(page, `Luồng '${accepted}' ra khỏi cổng rẽ nhánh exclusiveGateway '${gateway}'`)).toEqual([accepted]);
    await screenshot(page, '03-lint-error');

    await clickConnection(page, accepted);
    await openGroup(page, 'CamundaPlatform__Condition');
    await field(page, 'conditionType').selectOption('expression');
    await field(page, 'conditionExpression').fill('${hopLe}');
    await field(page, 'conditionExpression').blur();
    await page.waitForTimeout(DEBOUNCE_MS);
    await page.locator('.bjsl-overlay', { hasText: missing }).first().waitFor({ state: 'detached' });

    // The process: a time unit without a limit, which the server refuses, naming the process.
    await page.mouse.click(900, 750);
    await openGroup(page, 'motcua-procedure');
    await field(page, 'motcua-procedureCode').fill('1.000001');
    await field(page, 'motcua-legalTimeUnit').selectOption('workingDays');
    await page.locator('#deploy').click();
    const problem = page.locator('#deploy-problems li.motcua-problem');
    await problem.first().waitFor();
    const processId = await problem.first().getAttribute('data-element-id');
    expect(processId).toMatch(/^Process_/);
    expect(await problem.first().textContent()).toContain(`process '${processId!}': thiếu motcua:legalTimeLimit`);
    expect(await page.locator('#status').textContent()).toContain('Máy chủ từ chối mô hình');
    await page.locator(`.motcua-problem-badge[data-element-id="${processId}"]`).waitFor({ state: 'attached' });
    await screenshot(page, '04-deploy-refused');

    await page.mouse.click(900, 750);
    await openGroup(page, 'motcua-procedure');
    await field(page, 'motcua-legalTimeLimit').fill('3');
    await field(page, 'motcua-legalTimeLimit').blur();
    await page.waitForTimeout(DEBOUNCE_MS);
    expect(task).toBeTruthy();
    await page.locator('#deploy').click();
    await page.locator('#status', { hasText: 'Đã triển khai' }).waitFor();
    const deployed = (await page.locator('#status').textContent())!;
    expect(deployed).toMatch(/phiên bản 1$/);
    await screenshot(page, '05-deployed');

    await page.locator('#back').click();
    const key = /Đã triển khai (\S+)/.exec(deployed)![1]!;
    const row = page.locator(`#procedures tr[data-key="${key}"]`);
    await row.waitFor();
    expect(await row.locator('[data-column="latest"]').textContent()).toBe('1');
    await screenshot(page, '06-listed');
    expect(problems.filter((problem) => !problem.includes('status of 422'))).toEqual([]);
  } catch (error) {
    await screenshot(page, 'failure-editing');
    const shown = await page.locator('#status').textContent().catch(() => '');
    throw new Error(`${error instanceof Error ? error.message : String(error)}\nstatus: ${shown}\npage problems: ${problems.join('\n')}`, { cause: error });
  } finally {
    await context.close();
  }
}, 60_000);

test('the UI switches to English and back, keeping the diagram', async () => {
  const { context, page, problems } = await session.open();
  try {
    await signIn(page, 'phantich1');
    expect(await page.locator('#new-diagram').textContent()).toBe('Tạo quy trình mới');
    await page.locator('#new-diagram').click();
    await page.locator('#app[data-ready]').waitFor();
    await shape(page, 'StartEvent_1').click();
    expect(await page.locator('.djs-context-pad [data-action="append.append-task"]').getAttribute('title')).toBe('Thêm tác vụ');
    await contextPad(page, 'append.append-task');
    const task = await selectedId(page);

    await page.locator('#language').selectOption('en');
    await page.locator('#app[data-ready]').waitFor();
    await shape(page, task).waitFor();
    expect(await page.locator('#deploy').textContent()).toBe('Deploy');
    await shape(page, task).click();
    expect(await page.locator('.djs-context-pad [data-action="append.append-task"]').getAttribute('title')).toBe('Append task');
    expect(await page.locator('.bio-properties-panel-group[data-group-id="group-motcua-procedure"] .bio-properties-panel-group-header-title').textContent()).toBe('Administrative procedure');
    await screenshot(page, '07-english');

    await page.locator('#language').selectOption('vi');
    await page.locator('#app[data-ready]').waitFor();
    await shape(page, task).waitFor();
    expect(await page.locator('#deploy').textContent()).toBe('Triển khai');
    await shape(page, task).click();
    expect(await page.locator('.djs-context-pad [data-action="append.append-task"]').getAttribute('title')).toBe('Thêm tác vụ');
    await screenshot(page, '08-vietnamese-again');
    expect(problems).toEqual([]);
  } catch (error) {
    await screenshot(page, 'failure-language');
    throw error;
  } finally {
    await context.close();
  }
}, 60_000);
