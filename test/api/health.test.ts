import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import path from 'node:path';
import { closeApp, createApp } from '../../api/app.js';
import { seedWorkflows } from '../../api/seed-workflows.js';
import { startTestEngine, type TestEngine } from '../support/test-engine.js';
import { repoRoot } from '../support/fixtures.js';
import { silentLogger } from '../support/api-app.js';

describe('Feature: the server starts with the procedure library', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
  });
  afterAll(() => t.close());

  it('Scenario: the workflows folder deploys, twice without new versions, and health answers', async () => {
    const first = await seedWorkflows(t.engine, path.join(repoRoot, 'workflows'));
    expect(first).toContain('household_business_registration v1');
    expect(await seedWorkflows(t.engine, path.join(repoRoot, 'workflows'))).toEqual(first);
    const app = await createApp(t.engine, { scryptCost: 1024, jwtSecret: 'x'.repeat(32), logger: silentLogger });
    const response = await request(app).get('/health');
    await closeApp(app);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', database: t.engine.dialect });
  });

  it('Scenario: the household business procedure runs from intake to returned result', async () => {
    const { id } = await t.engine.startProcess('household_business_registration', { businessKey: '000.00.01.H22-260302-0001' });
    const step = async (elementId: string, variables?: Record<string, unknown>) => {
      const [task] = await t.engine.queryTasks({ processInstanceId: id, elementId });
      expect(task).toBeDefined();
      await t.engine.completeTask(task!.id, variables ? { variables } : {});
    };
    await step('intake', { accepted: true });
    await step('assign', { specialist: 'chuyenvien1' });
    expect((await t.engine.queryTasks({ processInstanceId: id }))[0]).toMatchObject({ elementId: 'appraise', assignee: 'chuyenvien1' });
    await step('appraise', { appraisalResult: 'bo_sung' });
    await step('approveSupplement', { supplementItems: 'Biên bản họp thành viên hộ gia đình' });
    expect((await t.engine.getProcessInstance(id)).activeElementIds).toEqual(['awaitSupplement']);
    await t.engine.correlateMessage('ho_so_bo_sung', { processInstanceId: id });
    await step('appraise', { appraisalResult: 'dat' });
    await step('sign');
    await step('dispatch');
    await step('returnResult');
    expect((await t.engine.getProcessInstance(id)).state).toBe('completed');
  });
});
