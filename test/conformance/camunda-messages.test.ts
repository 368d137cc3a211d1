/**
 * Camunda 7's message tests (cases 11 and 12 of ../shared/conformance/README.md) replayed. Both
 * models have the key `process`, so each case runs on an engine of its own.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startTestEngine, type TestEngine } from '../support/test-engine.js';
import { conformanceFile } from '../support/fixtures.js';
import { openTaskElements, theTask } from '../support/steps.js';

const message = (file: string) => conformanceFile(`camunda/bpmn/event/message/${file}`);

describe('Conformance: Camunda 7 message tests replayed', () => {
  let t: TestEngine;
  beforeEach(async () => {
    t = await startTestEngine();
  });
  afterEach(() => t.close());

  it('#11 message intermediate catch: waits at messageCatch with one subscription, the message leads to task', async () => {
    await t.engine.deploy(message('MessageIntermediateEventTest.testSingleIntermediateMessageEvent.bpmn20.xml'));
    const { id } = await t.engine.startProcess('process');
    expect((await t.engine.getProcessInstance(id)).activeElementIds).toEqual(['messageCatch']);
    const subscriptions = await t.engine.querySubscriptions({ processInstanceId: id });
    expect(subscriptions.map((s) => [s.kind, s.name])).toEqual([['message', 'newInvoiceMessage']]);
    await t.engine.correlateMessage('newInvoiceMessage', { processInstanceId: id });
    expect(await openTaskElements(t.engine, id)).toEqual(['task']);
    await t.engine.completeTask((await theTask(t.engine, id, 'task')).id);
    expect((await t.engine.getProcessInstance(id)).state).toBe('completed');
  });

  it('#12 interrupting message boundary: (a) the message cancels task, (b) completing task removes the subscription', async () => {
    await t.engine.deploy(message('MessageBoundaryEventTest.testSingleBoundaryMessageEvent.bpmn20.xml'));
    const a = await t.engine.startProcess('process');
    await t.engine.correlateMessage('messageName', { processInstanceId: a.id });
    expect(await openTaskElements(t.engine, a.id)).toEqual(['taskAfterMessage']);
    await t.engine.completeTask((await theTask(t.engine, a.id, 'taskAfterMessage')).id);
    expect((await t.engine.getProcessInstance(a.id)).state).toBe('completed');

    const b = await t.engine.startProcess('process');
    await t.engine.completeTask((await theTask(t.engine, b.id, 'task')).id);
    expect(await t.engine.querySubscriptions({ processInstanceId: b.id })).toEqual([]);
    expect(await openTaskElements(t.engine, b.id)).toEqual(['taskAfterTask']);
    await t.engine.completeTask((await theTask(t.engine, b.id, 'taskAfterTask')).id);
    expect((await t.engine.getProcessInstance(b.id)).state).toBe('completed');
  });
});
