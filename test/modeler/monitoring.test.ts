/**
 * The monitoring view in a real browser: a seeded procedure (workflows/household-business-
 * registration.bpmn, with its forms) deployed through the API, one dossier started by the one-stop
 * officer, and the system admin sees the procedure listed with one running instance and, on the
 * diagram, a badge of one token waiting at the intake task; clicking it shows the figures.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { screenshot } from './support/browser.js';
import { browserSession } from './support/browser-session.js';
import { signIn } from './support/sign-in.js';
import { repoRoot } from '../support/fixtures.js';
import { seedForms } from '../../api/seed-workflows.js';
import { servicesOf } from '../../api/app.js';

const KEY = 'household_business_registration';
let definitionId: string;

const session = browserSession(async ({ api }) => {
  await seedForms(servicesOf(api.app).sql, api.clock, path.join(repoRoot, 'workflows', 'forms'));
  const xml = readFileSync(path.join(repoRoot, 'workflows', 'household-business-registration.bpmn'), 'utf8');
  const deployed = await request(api.app)
    .post('/api/deployments')
    .set('Authorization', `Bearer ${await api.token('phantich1')}`)
    .set('Content-Type', 'application/xml')
    .send(xml);
  if (deployed.status !== 201 && deployed.status !== 200) throw new Error(`deploy: ${deployed.status} ${JSON.stringify(deployed.body)}`);
  definitionId = (deployed.body as { definitions: { id: string }[] }).definitions[0]!.id;
  const started = await request(api.app)
    .post(`/api/process-definitions/key/${KEY}/start`)
    .set('Authorization', `Bearer ${await api.token('motcua1')}`)
    .send({ businessKey: 'HS-0001' });
  if (started.status !== 201) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
});

test('a started dossier shows as a badge on the step it waits at', async () => {
  const { context, page, problems } = await session.open();
  try {
    await signIn(page, 'admin');
    const row = page.locator(`#procedures tr[data-key="${KEY}"]`);
    await row.waitFor();
    expect(await row.locator('[data-column="running"]').textContent()).toBe('1');
    await screenshot(page, '10-procedures-running');

    await row.locator('[data-action="monitor"]').click();
    await page.locator('#app[data-ready]').waitFor();
    expect(page.url()).toContain(`#/monitor/${definitionId}`);
    const badge = page.locator('.badge-waiting[data-element-id="intake"]');
    await badge.waitFor();
    expect(await badge.textContent()).toBe('1');
    expect(await page.locator('.badge').count()).toBe(1);
    await badge.click();
    expect(await page.locator('#element-details [data-kind="waiting"]').textContent()).toBe('1');
    // The click goes through to the dossiers waiting there.
    const waiting = page.locator('#element-instances li[data-instance]');
    await waiting.first().waitFor();
    expect(await waiting.count()).toBe(1);
    expect(await waiting.first().textContent()).toContain('HS-0001');
    await screenshot(page, '11-monitoring');
    expect(problems).toEqual([]);
  } catch (error) {
    await screenshot(page, 'failure-monitoring');
    throw new Error(`${error instanceof Error ? error.message : String(error)}\npage problems: ${problems.join('\n')}`, { cause: error });
  } finally {
    await context.close();
  }
}, 60_000);
