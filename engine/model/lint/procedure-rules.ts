/**
 * Procedure rules: what would run but would not serve a one-stop shop, reported as warnings at
 * deploy and in the modeler (a warning does not refuse a deploy). They apply to processes that
 * declare a procedure (motcua:procedureCode, sector or a legal time limit), not to any BPMN model:
 * - 'missing-role': a user task with no camunda:assignee, candidateGroups or candidateUsers would
 *   appear in nobody's task list;
 * - 'missing-allowance': a user task with neither motcua:allowanceHours nor camunda:dueDate has no
 *   deadline;
 * - 'allowance-exceeds-limit': one step's allowance alone is longer than the procedure's legal time
 *   limit in working days (8 working hours a day). Sums along paths are not judged here: branches
 *   that exclude each other would be added together.
 */
import type { FlowNode, ProcessGraph } from '../graph.js';
import type { Problems } from '../problems.js';

/** Working hours in a working day, for comparing allowances with a limit (DOMAIN.md: 8, by configuration). */
const WORKING_DAY_HOURS = 8;

const hasRole = (node: FlowNode): boolean =>
  node.userTask !== undefined &&
  (node.userTask.assignee !== undefined || node.userTask.candidateGroups.length > 0 || node.userTask.candidateUsers.length > 0);

export function checkProcedureRules(graph: ProcessGraph, problems: Problems): void {
  const procedure = graph.procedure;
  if (!procedure) return;
  const userTasks = [...graph.nodes.values()].filter((node) => node.type === 'userTask');
  for (const task of userTasks) {
    if (!hasRole(task)) {
      problems.warn('missing-role', `userTask '${task.id}' has no camunda:assignee, candidateGroups or candidateUsers: it would be in nobody's task list.`, {
        elementId: task.id,
        attribute: 'camunda:candidateGroups',
      });
    }
  }
  for (const task of userTasks) {
    if (task.step?.allowanceHours === undefined && task.userTask?.dueDate === undefined) {
      problems.warn('missing-allowance', `userTask '${task.id}' has no motcua:allowanceHours (nor camunda:dueDate): the step has no deadline.`, {
        elementId: task.id,
        attribute: 'motcua:allowanceHours',
      });
    }
  }
  if (procedure.legalTimeLimit !== undefined && procedure.legalTimeUnit === 'workingDays') {
    const limitHours = procedure.legalTimeLimit * WORKING_DAY_HOURS;
    for (const task of userTasks) {
      const allowance = task.step?.allowanceHours;
      if (allowance === undefined || allowance <= limitHours || procedure.legalTimeLimit === 0) continue;
      problems.warn(
        'allowance-exceeds-limit',
        `userTask '${task.id}' may take ${allowance} working hours, more than the procedure's legal time limit (${procedure.legalTimeLimit} working days = ${limitHours} h).`,
        { elementId: task.id, attribute: 'motcua:allowanceHours' },
      );
    }
  }
}
