import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';
import { featureFixture } from '../../support/fixtures.js';
import { complete, openTaskElements } from '../../support/steps.js';
import { DeploymentError, InvalidInputError, NotFoundError } from '../../../engine/index.js';

const v1 = featureFixture('sequential-user-tasks.bpmn');
/** Version 2 of the same procedure: the review step is gone. */
const v2 = v1
  .replace('<bpmn:sequenceFlow id="f2" sourceRef="intake" targetRef="review" />', '<bpmn:sequenceFlow id="f2" sourceRef="intake" targetRef="sign" />')
  .replace(/<bpmn:userTask id="review"[^>]*\/>\s*<bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="sign" \/>/, '');

describe('Feature: deployments are versioned and checked before anything is stored', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
  });
  afterAll(() => t.close());

  it('Scenario: deploying, deploying the same XML again, then a changed model', async () => {
    const first = await t.engine.deploy(v1, { name: 'hkd' });
    expect(first.definitions).toEqual([expect.objectContaining({ key: 'household_business', version: 1, name: 'Đăng ký hộ kinh doanh' })]);
    expect(first.duplicate).toBe(false);

    const again = await t.engine.deploy(v1);
    expect(again).toMatchObject({ duplicate: true, deploymentId: first.deploymentId });
    expect(again.definitions[0]).toMatchObject({ id: first.definitions[0]!.id, version: 1 });

    const running = await t.engine.startProcess('household_business');
    await complete(t.engine, running.id, 'intake', { specialist: 'an' });

    const second = await t.engine.deploy(v2);
    expect(second.definitions[0]).toMatchObject({ key: 'household_business', version: 2 });

    // The running instance stays on version 1: its review step still comes.
    expect(await openTaskElements(t.engine, running.id)).toEqual(['review']);
    expect((await t.engine.getProcessInstance(running.id)).version).toBe(1);

    // New instances take the latest version.
    const fresh = await t.engine.startProcess('household_business');
    expect((await t.engine.getProcessInstance(fresh.id)).version).toBe(2);
    await complete(t.engine, fresh.id, 'intake');
    expect((await t.engine.getProcessInstance(fresh.id)).state).toBe('completed');
  });

  it('Scenario: a model with errors is rejected with every problem named, and nothing is stored', async () => {
    const broken = featureFixture('exclusive-gateway.bpmn')
      .replace('amount &gt;= 100', 'amount &gt;=')
      .replace('<bpmn:userTask id="small" />', `<bpmn:userTask id="small" />
    <bpmn:inclusiveGateway id="split" />
    <bpmn:sequenceFlow id="s1" sourceRef="split" targetRef="small" />
    <bpmn:sequenceFlow id="s2" sourceRef="split" targetRef="large" />`);
    const error = await t.engine.deploy(broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeploymentError);
    const problems = (error as DeploymentError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ elementId: 'toLarge', code: 'expression-syntax' }),
        expect.objectContaining({ elementId: 'split', code: 'missing-condition' }),
      ]),
    );
    expect((error as DeploymentError).message).toContain('toLarge');
    await expect(t.engine.startProcess('exclusive')).rejects.toThrow(NotFoundError);
  });

  it('Scenario: XML that does not parse is rejected', async () => {
    await expect(t.engine.deploy('<bpmn:definitions')).rejects.toMatchObject({ code: 'invalid-model' });
    await expect(t.engine.deploy('')).rejects.toThrow(InvalidInputError);
  });

  it('Scenario: an element the engine cannot run yet is named', async () => {
    const withService = v1.replace('<bpmn:manualTask id="sign" name="Ký" />', '<bpmn:serviceTask id="sign" camunda:class="vn.Sign" />');
    const error = (await t.engine.deploy(withService).catch((e: unknown) => e)) as DeploymentError;
    expect(error).toBeInstanceOf(DeploymentError);
    expect(error.problems.some((p) => p.elementId === 'sign')).toBe(true);
  });

  it('Scenario: bad variables are refused before anything runs', async () => {
    await expect(t.engine.startProcess('household_business', { variables: { when: new Map() } })).rejects.toMatchObject({
      code: 'invalid-input',
      field: 'variables.when',
    });
    await expect(t.engine.startProcess('household_business', { variables: { n: Number.NaN } })).rejects.toThrow(InvalidInputError);
    await expect(t.engine.startProcess('nope')).rejects.toMatchObject({ code: 'not-found', entity: 'process-definition' });
  });

  it('Scenario: variables of every JSON kind and dates come back as they were stored', async () => {
    const variables = {
      text: 'Nguyễn Văn A',
      count: 3,
      ratio: 0.5,
      yes: true,
      none: null,
      list: [1, 'a', { b: [true] }],
      applicant: { name: 'B', age: 30 },
      receivedAt: new Date('2026-03-02T01:00:00.000Z'),
    };
    const { id } = await t.engine.startProcess('household_business', { variables });
    expect((await t.engine.getProcessInstance(id)).variables).toEqual(variables);
  });
});
