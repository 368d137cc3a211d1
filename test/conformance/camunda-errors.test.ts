/**
 * Camunda 7's error test (case 13 of ../shared/conformance/README.md) replayed: an error end event in
 * an embedded subprocess is caught by a catch-all boundary event on it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestEngine, type TestEngine } from '../support/test-engine.js';
import { conformanceFile } from '../support/fixtures.js';
import { openTaskElements, theTask } from '../support/steps.js';

describe('Conformance: Camunda 7 error boundary test replayed', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.engine.deploy(conformanceFile('camunda/bpmn/event/error/BoundaryErrorEventTest.testCatchErrorOnEmbeddedSubprocess.bpmn20.xml'));
  });
  afterAll(() => t.close());

  it('#13 the subprocess is cancelled, flow3 and theEnd are not reached, the only task is taskAfterErrorCatch', async () => {
    const { id } = await t.engine.startProcess('boundaryErrorOnEmbeddedSubprocess');
    await t.engine.completeTask((await theTask(t.engine, id, 'subprocessTask')).id);
    expect(await openTaskElements(t.engine, id)).toEqual(['taskAfterErrorCatch']);
    const history = (await t.engine.getHistory(id)).map((h) => `${h.elementId}:${h.event}`);
    expect(history).toContain('subprocess:terminated');
    expect(history).not.toContain('theEnd:started');
    expect(history).not.toContain('subprocess:completed');
  });
});
