/**
 * Feature: messages and signals over HTTP — correlation by business key (and by a message start
 * event), 400 when a message matches nothing or several, signals to every waiting instance, and who
 * may send them: the system admin anywhere, the one-stop officer to the dossiers of their unit only.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/api-app.js';

const SUPPLEMENT_MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="http://motcua.vn/test">
  <bpmn:message id="m_supplement" name="supplement-received" />
  <bpmn:message id="m_submitted" name="dossier-submitted" />
  <bpmn:signal id="s_policy" name="policy-changed" />
  <bpmn:process id="api_msg_supplement" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="waitSupplement" />
    <bpmn:intermediateCatchEvent id="waitSupplement"><bpmn:messageEventDefinition messageRef="m_supplement" /></bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="waitSupplement" targetRef="waitPolicy" />
    <bpmn:intermediateCatchEvent id="waitPolicy"><bpmn:signalEventDefinition signalRef="s_policy" /></bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="waitPolicy" targetRef="appraise" />
    <bpmn:userTask id="appraise" />
  </bpmn:process>
  <bpmn:process id="api_msg_online" isExecutable="true">
    <bpmn:startEvent id="submitted"><bpmn:messageEventDefinition messageRef="m_submitted" /></bpmn:startEvent>
    <bpmn:sequenceFlow id="g0" sourceRef="submitted" targetRef="receive" />
    <bpmn:userTask id="receive" />
  </bpmn:process>
</bpmn:definitions>`;

describe('Feature: messages and signals', () => {
  let t: TestApi;
  const as = async (username: string) => ({ Authorization: `Bearer ${await t.token(username)}` });
  const start = async (businessKey: string, unitId = '000.00.20.H40') => (await t.engine.startProcess('api_msg_supplement', { businessKey, unitId })).id;
  const at = async (id: string) => (await t.engine.getProcessInstance(id)).activeElementIds;

  beforeAll(async () => {
    t = await startTestApi();
    await t.engine.deploy(SUPPLEMENT_MODEL, { name: 'messages.bpmn' });
  });
  afterAll(() => t.close());

  it('Scenario: the admin correlates a message by business key; the instance moves on with the variables', async () => {
    const id = await start('000.00.20.H40-260302-0001');
    const other = await start('000.00.20.H40-260302-0002');
    const response = await request(t.app)
      .post('/api/messages')
      .set(await as('admin'))
      .send({ messageName: 'supplement-received', businessKey: '000.00.20.H40-260302-0001', variables: { supplementPages: 3 } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ processInstanceId: id, started: false });
    expect(await at(id)).toEqual(['waitPolicy']);
    expect((await t.engine.getProcessInstance(id)).variables).toMatchObject({ supplementPages: 3 });
    expect(await at(other)).toEqual(['waitSupplement']);
  });

  it('Scenario: a message start event starts a process with the business key', async () => {
    const response = await request(t.app)
      .post('/api/messages')
      .set(await as('admin'))
      .send({ messageName: 'dossier-submitted', businessKey: 'ONLINE-1', variables: { channel: 2 } });
    expect(response.status).toBe(200);
    expect(response.body.started).toBe(true);
    const instance = await t.engine.getProcessInstance(response.body.processInstanceId);
    expect(instance).toMatchObject({ key: 'api_msg_online', businessKey: 'ONLINE-1', activeElementIds: ['receive'], variables: { channel: 2 } });
  });

  it('Scenario: a message that matches nothing or several is a 400 that changes nothing', async () => {
    const admin = await as('admin');
    const a = await start('AMBIGUOUS-A');
    const b = await start('AMBIGUOUS-B');
    const none = await request(t.app).post('/api/messages').set(admin).send({ messageName: 'supplement-received', businessKey: 'NO-SUCH-DOSSIER' });
    expect(none.status).toBe(400);
    expect(none.body).toMatchObject({ code: 'message-not-correlated', detail: expect.stringContaining('NO-SUCH-DOSSIER') });
    const unknown = await request(t.app).post('/api/messages').set(admin).send({ messageName: 'no-such-message' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('message-not-correlated');
    const several = await request(t.app).post('/api/messages').set(admin).send({ messageName: 'supplement-received' });
    expect(several.status).toBe(400);
    expect(several.body).toMatchObject({ code: 'message-ambiguous', detail: expect.stringContaining('supplement-received') });
    expect([await at(a), await at(b)]).toEqual([['waitSupplement'], ['waitSupplement']]);
  });

  it('Scenario: malformed requests are 400, unauthenticated 401, callers without correlate 403', async () => {
    const admin = await as('admin');
    const id = await start('GUARDED-1');
    expect((await request(t.app).post('/api/messages').set(admin).send({ businessKey: 'GUARDED-1' })).body.code).toBe('invalid-request');
    expect((await request(t.app).post('/api/messages').set(admin).send({ messageName: 'supplement-received', variables: [1] })).status).toBe(400);
    expect((await request(t.app).post('/api/messages').set(admin).send({ messageName: 'supplement-received', extra: 1 })).status).toBe(400);
    expect((await request(t.app).post('/api/signals').set(admin).send({})).status).toBe(400);
    expect((await request(t.app).post('/api/messages').send({ messageName: 'supplement-received', businessKey: 'GUARDED-1' })).status).toBe(401);
    expect((await request(t.app).post('/api/signals').send({ name: 'policy-changed' })).status).toBe(401);
    const specialist = await as('chuyenvien1');
    expect((await request(t.app).post('/api/messages').set(specialist).send({ messageName: 'supplement-received', businessKey: 'GUARDED-1' })).status).toBe(403);
    expect((await request(t.app).post('/api/signals').set(specialist).send({ name: 'policy-changed' })).status).toBe(403);
    expect(await at(id)).toEqual(['waitSupplement']);
  });

  it('Scenario: the one-stop officer receives a supplement for a dossier of their unit, not for another unit', async () => {
    const officer = await as('motcua1');
    const mine = await start('000.00.20.H40-260302-0101', '000.00.20.H40');
    const theirs = await start('000.00.21.H40-260302-0101', '000.00.21.H40');
    const ok = await request(t.app).post('/api/messages').set(officer).send({ messageName: 'supplement-received', businessKey: '000.00.20.H40-260302-0101' });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ processInstanceId: mine, started: false });
    expect(await at(mine)).toEqual(['waitPolicy']);

    const byKey = await request(t.app).post('/api/messages').set(officer).send({ messageName: 'supplement-received', businessKey: '000.00.21.H40-260302-0101' });
    expect(byKey.status).toBe(400);
    expect(byKey.body.code).toBe('message-not-correlated');
    const byId = await request(t.app).post('/api/messages').set(officer).send({ messageName: 'supplement-received', processInstanceId: theirs });
    expect(byId.status).toBe(400);
    expect(byId.body.code).toBe('message-not-correlated');
    expect(await at(theirs)).toEqual(['waitSupplement']);

    // no instance named: the officer could reach other units' dossiers or start processes
    const unnamed = await request(t.app).post('/api/messages').set(officer).send({ messageName: 'dossier-submitted' });
    expect(unnamed.status).toBe(403);
    expect(unnamed.body.code).toBe('correlate-needs-instance');
    // a signal reaches every unit
    expect((await request(t.app).post('/api/signals').set(officer).send({ name: 'policy-changed' })).status).toBe(403);
  });

  it('Scenario: a signal reaches every instance waiting for it; an unknown signal reaches none', async () => {
    const admin = await as('admin');
    const first = await start('SIGNAL-1');
    const second = await start('SIGNAL-2');
    for (const businessKey of ['SIGNAL-1', 'SIGNAL-2']) {
      expect((await request(t.app).post('/api/messages').set(admin).send({ messageName: 'supplement-received', businessKey })).status).toBe(200);
    }
    const waiting = (await t.engine.querySubscriptions()).filter((s) => s.kind === 'signal' && s.name === 'policy-changed').length;
    expect(waiting).toBeGreaterThanOrEqual(2);
    const response = await request(t.app).post('/api/signals').set(admin).send({ name: 'policy-changed', variables: { policy: 'v2' } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ delivered: waiting });
    expect([await at(first), await at(second)]).toEqual([['appraise'], ['appraise']]);
    expect((await t.engine.getProcessInstance(first)).variables).toMatchObject({ policy: 'v2' });
    const none = await request(t.app).post('/api/signals').set(admin).send({ name: 'nobody-listens' });
    expect(none.body).toEqual({ delivered: 0 });
  });
});
