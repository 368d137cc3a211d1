import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConflictError, InvalidInputError, NotFoundError } from '../../../engine/index.js';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';
import { featureFixture } from '../../support/fixtures.js';
import { theTask } from '../../support/steps.js';

const HOUR = 3_600_000;

describe('Feature: tasks belong to units and change hands (claim, assign, delegate, resolve)', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.engine.deploy(featureFixture('unit-steps.bpmn'));
  });
  afterAll(() => t.close());

  it('Scenario: a task takes the unit of its step, else the unit the dossier was started in; a called-free instance keeps its unit', async () => {
    const { id } = await t.engine.startProcess('unit_steps', { unitId: 'commune-a', businessKey: 'D-1', userId: 'oso1' });
    const receive = await theTask(t.engine, id, 'receive');
    expect(receive).toMatchObject({ unitId: 'commune-a', processDefinitionKey: 'unit_steps', businessKey: 'D-1' });
    await t.engine.completeTask(receive.id, { userId: 'oso1' });
    expect(await theTask(t.engine, id, 'appraise')).toMatchObject({ unitId: 'dept-construction' });
    const instance = await t.engine.getProcessInstance(id);
    expect(instance.unitId).toBe('commune-a');
    expect((await t.engine.getHistory(id))[0]).toMatchObject({ event: 'started', userId: 'oso1' });
  });

  it('Scenario: a head of division assigns a task to a specialist, whoever held it; the history says who did', async () => {
    const { id } = await t.engine.startProcess('unit_steps', { unitId: 'commune-a' });
    const task = await theTask(t.engine, id, 'receive');
    await t.engine.claimTask(task.id, 'an');
    const assigned = await t.engine.assignTask(task.id, 'binh', { userId: 'head1' });
    expect(assigned.assignee).toBe('binh');
    const entry = (await t.engine.getHistory(id)).find((h) => h.event === 'assigned');
    expect(entry).toMatchObject({ userId: 'head1', elementId: 'receive' });
    expect(entry?.detail).toMatchObject({ userId: 'binh' });
    expect((await t.engine.assignTask(task.id, null, { userId: 'head1' })).assignee).toBeNull();
  });

  it('Scenario: a delegated task goes to the delegate and comes back to its owner when resolved, with the delegate\'s variables', async () => {
    const { id } = await t.engine.startProcess('unit_steps', { unitId: 'commune-a' });
    const task = await theTask(t.engine, id, 'receive');
    await expect(t.engine.delegateTask(task.id, 'chi')).rejects.toMatchObject({ code: 'task-not-claimed' });
    await t.engine.claimTask(task.id, 'an');
    expect(await t.engine.delegateTask(task.id, 'chi', { userId: 'an' })).toMatchObject({ assignee: 'chi', owner: 'an', delegationState: 'pending' });
    const resolved = await t.engine.resolveTask(task.id, { userId: 'chi', variables: { opinion: 'complete' } });
    expect(resolved).toMatchObject({ assignee: 'an', owner: 'an', delegationState: 'resolved' });
    expect((await t.engine.getProcessInstance(id)).variables).toMatchObject({ opinion: 'complete' });
    await expect(t.engine.resolveTask(task.id, { userId: 'chi' })).rejects.toMatchObject({ code: 'task-not-delegated' });
    expect((await t.engine.getHistory(id)).map((h) => h.event)).toEqual(expect.arrayContaining(['delegated', 'resolved']));
  });

  it('Scenario: a task under delegation is resolved, not completed; an unclaim names whose hold it lets go', async () => {
    const { id } = await t.engine.startProcess('unit_steps', { unitId: 'commune-a' });
    const task = await theTask(t.engine, id, 'receive');
    await t.engine.claimTask(task.id, 'an');
    await t.engine.delegateTask(task.id, 'chi', { userId: 'an' });
    await expect(t.engine.completeTask(task.id, { userId: 'chi' })).rejects.toMatchObject({ code: 'task-delegation-pending' });
    await t.engine.resolveTask(task.id, { userId: 'chi' });
    await expect(t.engine.unclaimTask(task.id, { userId: 'binh', holder: 'binh' })).rejects.toMatchObject({ code: 'task-claimed-by-other' });
    expect((await t.engine.getTask(task.id)).assignee).toBe('an');
    expect((await t.engine.unclaimTask(task.id, { userId: 'an', holder: 'an' })).assignee).toBeNull();
  });

  it('Scenario: completing a task someone else holds is refused, unless the caller may override; the history names who completed it', async () => {
    const { id } = await t.engine.startProcess('unit_steps', { unitId: 'commune-a' });
    const task = await theTask(t.engine, id, 'receive');
    await t.engine.claimTask(task.id, 'an');
    await expect(t.engine.completeTask(task.id, { userId: 'binh' })).rejects.toThrow(ConflictError);
    await t.engine.completeTask(task.id, { userId: 'leader1', override: true });
    const completed = (await t.engine.getHistory(id)).find((h) => h.elementId === 'receive' && h.event === 'completed');
    expect(completed?.userId).toBe('leader1');
  });

  it('Scenario: a claim with access filters happens only for a task that passes them all, in the same statement', async () => {
    const { id } = await t.engine.startProcess('unit_steps', { unitId: 'commune-b', businessKey: 'CLAIM-ACCESS' });
    const task = await theTask(t.engine, id, 'receive');
    const ownUnit = { anyOf: [{ unitId: 'commune-b' }] };
    const oneStop = { anyOf: [{ candidateGroups: { $in: ['one_stop'] } }] };
    // One filter that fails is enough: not found, nothing changed, nothing recorded.
    await expect(t.engine.claimTask(task.id, 'an', { access: [ownUnit, { anyOf: [{ candidateGroups: 'specialist' }] }] })).rejects.toThrow(NotFoundError);
    await expect(t.engine.claimTask(task.id, 'an', { access: { noneOf: [{ unitId: 'commune-b' }] } })).rejects.toThrow(NotFoundError);
    expect((await t.engine.getTask(task.id)).assignee).toBeNull();
    expect((await t.engine.getHistory(id)).some((h) => h.event === 'claimed')).toBe(false);
    // Both hold: claimed, and claiming again is the holder's no-op.
    expect((await t.engine.claimTask(task.id, 'an', { access: [ownUnit, oneStop] })).assignee).toBe('an');
    expect((await t.engine.claimTask(task.id, 'an', { access: [ownUnit, oneStop] })).assignee).toBe('an');
    // Another officer who passes the filters meets the holder (409); one who does not, nothing (404).
    await expect(t.engine.claimTask(task.id, 'binh', { access: [ownUnit, oneStop] })).rejects.toMatchObject({ code: 'task-claimed-by-other' });
    await expect(t.engine.claimTask(task.id, 'binh', { access: { anyOf: [{ unitId: 'unit-x' }] } })).rejects.toThrow(NotFoundError);
    expect((await t.engine.getHistory(id)).filter((h) => h.event === 'claimed')).toHaveLength(1);
  });

  it('Scenario: a completion guard sees the locked task before anything changes; what it throws changes nothing', async () => {
    const { id } = await t.engine.startProcess('unit_steps', { unitId: 'commune-b', businessKey: 'GUARDED' });
    const task = await theTask(t.engine, id, 'receive');
    await t.engine.claimTask(task.id, 'an');
    const seen: unknown[] = [];
    const refusal = new Error('not this one');
    await expect(
      t.engine.completeTask(task.id, {
        userId: 'an',
        variables: { opinion: 'no' },
        guard: (locked) => {
          seen.push(locked);
          throw refusal;
        },
      }),
    ).rejects.toBe(refusal);
    expect(seen).toEqual([expect.objectContaining({ id: task.id, assignee: 'an', unitId: 'commune-b', processDefinitionKey: 'unit_steps', businessKey: 'GUARDED' })]);
    const after = await t.engine.getProcessInstance(id);
    expect(after.activeElementIds).toEqual(['receive']);
    expect(after.variables).not.toHaveProperty('opinion');
    expect((await t.engine.getHistory(id)).some((h) => h.elementId === 'receive' && h.event === 'completed')).toBe(false);
    await t.engine.completeTask(task.id, { userId: 'an', guard: (locked) => seen.push(locked.id) });
    expect(seen).toHaveLength(2);
    expect((await t.engine.getProcessInstance(id)).activeElementIds).toEqual(['appraise']);
  });

  describe('Scenario: task lists are filtered, sorted, paged and counted in SQL', () => {
    let dossiers: string[];
    beforeAll(async () => {
      dossiers = [];
      for (const [index, unitId] of ['unit-x', 'unit-x', 'unit-y'].entries()) {
        const { id } = await t.engine.startProcess('unit_steps', { unitId, businessKey: `LIST-${index}` });
        dossiers.push(id);
        t.clock.advance(HOUR);
      }
    });

    it('pages with a total, newest first when asked', async () => {
      const page = await t.engine.queryTaskPage({ unitId: 'unit-x', sortBy: 'created', sortOrder: 'desc', limit: 1 });
      expect(page.total).toBe(2);
      expect(page.items.map((task) => task.businessKey)).toEqual(['LIST-1']);
      const next = await t.engine.queryTaskPage({ unitId: 'unit-x', sortBy: 'created', sortOrder: 'desc', limit: 1, offset: 1 });
      expect(next.items.map((task) => task.businessKey)).toEqual(['LIST-0']);
    });

    it('filters by business key, definition key and due window', async () => {
      expect((await t.engine.queryTasks({ businessKey: 'LIST-2' })).map((task) => task.processInstanceId)).toEqual([dossiers[2]]);
      expect(await t.engine.queryTasks({ processDefinitionKey: 'other' })).toEqual([]);
      const dueLater = await t.engine.queryTasks({ businessKey: 'LIST-0', dueAfter: t.clock.now() });
      expect(dueLater).toHaveLength(1);
      await expect(t.engine.queryTasks({ dueAfter: new Date('x') })).rejects.toThrow(InvalidInputError);
      await expect(t.engine.queryTasks({ sortBy: 'color' as never })).rejects.toThrow(InvalidInputError);
    });

    it('applies an access filter: any of its clauses, none of its exclusions, in lists and single reads', async () => {
      const access = { anyOf: [{ unitId: { $in: ['unit-x'] }, candidateGroups: 'one_stop' }], noneOf: [{ businessKey: 'never' }] };
      await expect(t.engine.queryTasks({ access })).rejects.toThrow(InvalidInputError); // businessKey is no task field
      const own = await t.engine.queryTaskPage({ access: { anyOf: [{ unitId: { $in: ['unit-x'] }, candidateGroups: 'one_stop' }] } });
      expect(own.items.map((task) => task.businessKey).sort()).toEqual(['LIST-0', 'LIST-1']);
      expect(own.total).toBe(2);
      const nothing = await t.engine.queryTaskPage({ access: { anyOf: [] } });
      expect(nothing.total).toBe(0);
      const notX = await t.engine.queryTasks({ access: { noneOf: [{ unitId: 'unit-x' }] }, businessKey: 'LIST-2' });
      expect(notX).toHaveLength(1);
      const other = await theTask(t.engine, dossiers[2]!, 'receive');
      await expect(t.engine.getTask(other.id, { access: { anyOf: [{ unitId: 'unit-x' }] } })).rejects.toThrow(NotFoundError);
      expect((await t.engine.getTask(other.id, { access: { anyOf: [{ unitId: 'unit-y' }] } })).id).toBe(other.id);
    });
  });

  it('Scenario: instances are listed by unit and definition, and one the caller may not see is not found', async () => {
    const { id } = await t.engine.startProcess('unit_steps', { unitId: 'unit-z', businessKey: 'Z-1' });
    const page = await t.engine.queryProcessInstances({ unitId: 'unit-z' });
    expect(page).toMatchObject({ total: 1, items: [{ id, businessKey: 'Z-1', key: 'unit_steps', unitId: 'unit-z', state: 'active' }] });
    await expect(t.engine.getProcessInstance(id, { access: { anyOf: [{ unitId: 'unit-x' }] } })).rejects.toThrow(NotFoundError);
    await expect(t.engine.getHistory(id, { access: { anyOf: [{ unitId: 'unit-x' }] } })).rejects.toThrow(NotFoundError);
    const handled = { anyOf: [{ handledBy: 'zoe' }] };
    expect((await t.engine.queryProcessInstances({ access: handled })).total).toBe(0);
    await t.engine.claimTask((await theTask(t.engine, id, 'receive')).id, 'zoe');
    expect((await t.engine.queryProcessInstances({ access: handled })).items.map((i) => i.id)).toEqual([id]);
  });

  it('Scenario: an instance cancelled from outside records who cancelled it and why', async () => {
    const { id } = await t.engine.startProcess('unit_steps', { unitId: 'unit-z' });
    await t.engine.terminateProcessInstance(id, { userId: 'admin', reason: 'applicant withdrew' });
    const last = (await t.engine.getHistory(id)).at(-1)!;
    expect(last).toMatchObject({ event: 'terminated', elementType: 'process', userId: 'admin' });
    expect(last.detail).toEqual({ reason: 'applicant withdrew' });
    expect((await t.engine.queryProcessInstances({ unitId: 'unit-z', state: 'terminated' })).total).toBe(1);
  });

  it('Scenario: definitions are listed per version or latest only, and read with their XML', async () => {
    const xml = featureFixture('unit-steps.bpmn').replace('Dossier across units', 'Dossier across units v2');
    await t.engine.deploy(xml);
    const all = await t.engine.listProcessDefinitions({ key: 'unit_steps' });
    expect(all.map((d) => d.version)).toEqual([2, 1]);
    const latest = await t.engine.listProcessDefinitions({ latestOnly: true });
    expect(latest.filter((d) => d.key === 'unit_steps').map((d) => d.version)).toEqual([2]);
    expect(await t.engine.getProcessDefinitionXml(all[0]!.id)).toContain('v2');
    expect((await t.engine.getProcessDefinition(all[1]!.id)).name).toBe('Dossier across units');
    await expect(t.engine.getProcessDefinition('nope')).rejects.toThrow(NotFoundError);
  });
});
