/** Feature: Camunda user task attributes. */
import { splitList } from '../../../engine/model/user-task.js';
import { between, loadOne, rejection, summary } from './bpmn-xml.js';

describe('user task attributes', () => {
  it('compiles the assignee expression and literal attributes', async () => {
    const graph = await loadOne(
      between(
        't',
        't',
        `<userTask id="t" camunda:assignee="\${initiator}" camunda:dueDate="P3D" camunda:followUpDate="\${followUp}"
           camunda:priority="70" camunda:formKey="forms/review.json" />`,
      ),
    );
    const task = graph.nodes.get('t')?.userTask;
    expect(task?.assignee?.language).toBe('juel');
    expect(task?.assignee?.evaluate({ initiator: 'lan.nguyen' })).toBe('lan.nguyen');
    expect(task?.dueDate).toMatchObject({ language: 'literal', source: 'P3D' });
    expect(task?.followUpDate?.evaluate({ followUp: '2025-01-02' })).toBe('2025-01-02');
    expect(task?.priority?.evaluate({})).toBe('70');
    expect(task?.formKey?.evaluate({})).toBe('forms/review.json');
    expect(task?.candidateGroups).toEqual([]);
    expect(task?.candidateUsers).toEqual([]);
  });

  it('splits candidateGroups and candidateUsers on commas outside ${}', async () => {
    const graph = await loadOne(
      between(
        't',
        't',
        `<userTask id="t" camunda:candidateGroups="clerks, \${unit == 'A,B' ? 'lead' : 'deputy'} ,=reviewer , heads"
           camunda:candidateUsers="an,binh" />`,
      ),
    );
    const task = graph.nodes.get('t')?.userTask;
    expect(task?.candidateGroups.map((g) => g.source)).toEqual(['clerks', "${unit == 'A,B' ? 'lead' : 'deputy'}", '=reviewer', 'heads']);
    expect(task?.candidateGroups.map((g) => g.language)).toEqual(['literal', 'juel', 'feel', 'literal']);
    expect(task?.candidateGroups[1]?.evaluate({ unit: 'A,B' })).toBe('lead');
    expect(task?.candidateUsers.map((u) => u.evaluate({}))).toEqual(['an', 'binh']);
  });

  it('reports an assignee expression that does not parse, naming the element and attribute', async () => {
    const error = await rejection(between('t', 't', `<userTask id="t" camunda:assignee="\${a +}" camunda:candidateGroups="ok, \${(}" />`));
    expect(summary(error.problems)).toEqual(['expression-syntax t camunda:assignee', 'expression-syntax t camunda:candidateGroups']);
    expect(error.problems[0]?.message).toContain("userTask 't'");
  });

  it.each([
    ['a,b', ['a', 'b']],
    [' a , , b ', ['a', 'b']],
    ['${x.split(",")}', ['${x.split(",")}']],
    ['#{a}, ${map[\'k,}\']}', ['#{a}', "${map['k,}']}"]],
    ['', []],
  ])('splitList(%j)', (text, items) => {
    expect(splitList(text)).toEqual(items);
  });
});
