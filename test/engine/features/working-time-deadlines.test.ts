/**
 * Feature: deadlines in working time. FEEL's workingDays(n) and workingHours(n) in user-task due
 * and follow-up dates and timer dates count with the engine's calendar, which admins edit through
 * engine.addHoliday / removeHoliday; an edit counts for the deadlines computed after it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';
import { complete, openTaskElements } from '../../support/steps.js';

const HOUR = 3_600_000;

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs" targetNamespace="http://motcua.vn/test">
  <bpmn:process id="working_time" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" camunda:dueDate="=workingDays(limitDays)" camunda:followUpDate="=workingHours(4)" />
    <bpmn:sequenceFlow id="f1" sourceRef="review" targetRef="wait" />
    <bpmn:intermediateCatchEvent id="wait">
      <bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">=workingHours(2)</bpmn:timeDate></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="done" />
    <bpmn:userTask id="done" />
  </bpmn:process>
</bpmn:definitions>`;

/** An instant given as Vietnam wall-clock time. */
const vn = (text: string) => new Date(`${text.replace(' ', 'T')}+07:00`);

describe('Feature: deadlines in working time, with the holidays admins edit', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine(); // Monday 2 March 2026, 09:00 in Vietnam
    await t.engine.deploy(XML);
  });
  afterAll(() => t.close());

  it('Given due dates in working days, When a task is created, Then they skip nights, weekends and holidays', async () => {
    const { id } = await t.engine.startProcess('working_time', { variables: { limitDays: 3 } });
    const [task] = await t.engine.queryTasks({ processInstanceId: id });
    expect(task).toMatchObject({ dueDate: vn('2026-03-05 09:00'), followUpDate: vn('2026-03-02 15:00') });
  });

  it('Given an admin adds a substitute day off, Then deadlines computed afterwards skip it', async () => {
    await t.engine.addHoliday({
      date: '2026-03-04', kind: 'substitute-day-off', name: 'Nghỉ bù (thử)',
    });
    const { id } = await t.engine.startProcess('working_time', { variables: { limitDays: 3 } });
    const [task] = await t.engine.queryTasks({ processInstanceId: id });
    expect(task!.dueDate).toEqual(vn('2026-03-06 09:00'));
  });

  it('Given a timer date in working hours, Then it fires after that much working time', async () => {
    const { id } = await t.engine.startProcess('working_time', { variables: { limitDays: 1 } });
    t.clock.set(vn('2026-03-02 11:00'));
    await complete(t.engine, id, 'review');
    const [job] = await t.engine.queryJobs({ processInstanceId: id });
    expect(job!.dueAt).toEqual(vn('2026-03-02 15:00'));
    t.clock.advance(4 * HOUR);
    expect(await t.engine.runDueJobs()).toBe(1);
    expect(await openTaskElements(t.engine, id)).toEqual(['done']);
    t.clock.set(vn('2026-03-02 09:00'));
  });
});
