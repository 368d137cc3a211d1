/**
 * Our moddle extension (motcua-moddle.json, shared with the modeler): the administrative data an
 * analyst gives a procedure, read into the graph and checked at deploy.
 * - On a process: motcua:procedureCode (mã TTHC, e.g. 1.012994), motcua:sector, and the legal time
 *   limit motcua:legalTimeLimit (a number ≥ 0) in motcua:legalTimeUnit (`workingDays`, the default,
 *   or `calendarDays`). An instance's legal due date is computed from them when it starts
 *   (runtime: the receipt rules of DOMAIN.md).
 * - On a user task: motcua:unit, the code (e-ID) of the unit whose officers do the step (absent:
 *   the dossier's unit), and motcua:allowanceHours, the step's time allowance in working hours (the
 *   task's due date when the task has no camunda:dueDate).
 * - On any flow node: motcua:dossierStatus, the dossier status (DOMAIN.md's codes 1–10) the
 *   instance takes when a token reaches the node.
 * Values that do not fit are 'procedure-attribute' errors naming the element and attribute.
 */
import type { ProcedureInfo, StepInfo } from './graph.js';
import { attr, type ModdleElement } from './moddle.js';
import type { Problems } from './problems.js';

export const DOSSIER_STATUSES: Readonly<Record<number, string>> = {
  1: 'submitted online, not yet received',
  2: 'received',
  3: 'refused at intake',
  4: 'being processed',
  5: 'supplement requested',
  6: 'waiting for financial obligations',
  7: 'withdrawn by the applicant',
  8: 'processing stopped',
  9: 'result ready',
  10: 'result returned',
};

const UNIT_CODE = /^[A-Za-z0-9._-]{1,64}$/;

interface Site {
  readonly problems: Problems;
  readonly elementId: string | undefined;
  readonly label: string;
}

function fail(site: Site, attribute: string, message: string): undefined {
  site.problems.error('procedure-attribute', `${site.label}: ${attribute} ${message}`, { elementId: site.elementId, attribute });
  return undefined;
}

/** A number attribute: undefined when absent; reported (and undefined) when it is no number in range. */
function numberAttr(el: ModdleElement, name: string, site: Site, check: (value: number) => boolean, range: string): number | undefined {
  const raw = el.get(name);
  if (raw === undefined || raw === null || raw === '') return undefined;
  const value = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isFinite(value) || !check(value)) return fail(site, name, `is '${String(raw)}'; it must be ${range}.`);
  return value;
}

export function readProcedure(process: ModdleElement, site: Site): ProcedureInfo | undefined {
  const code = attr(process, 'motcua:procedureCode')?.trim();
  const sector = attr(process, 'motcua:sector')?.trim();
  const limit = numberAttr(process, 'motcua:legalTimeLimit', site, (v) => v >= 0 && v <= 3650, 'a number of days from 0 to 3650');
  const unitText = attr(process, 'motcua:legalTimeUnit')?.trim();
  let unit: ProcedureInfo['legalTimeUnit'] = 'workingDays';
  if (unitText !== undefined && unitText !== '') {
    if (unitText !== 'workingDays' && unitText !== 'calendarDays') {
      fail(site, 'motcua:legalTimeUnit', `is '${unitText}'; it must be workingDays or calendarDays.`);
    } else {
      unit = unitText;
    }
  }
  if (unitText && limit === undefined && process.get('motcua:legalTimeLimit') === undefined) {
    fail(site, 'motcua:legalTimeLimit', 'is missing: motcua:legalTimeUnit says the unit of a limit that is not given.');
  }
  if (!code && !sector && limit === undefined) return undefined;
  return Object.freeze({
    ...(code ? { code } : {}),
    ...(sector ? { sector } : {}),
    ...(limit !== undefined ? { legalTimeLimit: limit, legalTimeUnit: unit } : {}),
  });
}

export function readStep(el: ModdleElement, site: Site): StepInfo | undefined {
  if (el.$type !== 'bpmn:UserTask') return undefined;
  const unit = attr(el, 'motcua:unit')?.trim();
  if (unit && !UNIT_CODE.test(unit)) fail(site, 'motcua:unit', `is '${unit}'; a unit code has letters, digits, '.', '_' and '-' only.`);
  const allowanceHours = numberAttr(el, 'motcua:allowanceHours', site, (v) => v > 0 && v <= 24 * 3650, 'a number of working hours above 0');
  const step = {
    ...(unit && UNIT_CODE.test(unit) ? { unit } : {}),
    ...(allowanceHours !== undefined ? { allowanceHours } : {}),
  };
  return Object.keys(step).length > 0 ? Object.freeze(step) : undefined;
}

export function readDossierStatus(el: ModdleElement, site: Site): number | undefined {
  return numberAttr(el, 'motcua:dossierStatus', site, (v) => Number.isInteger(v) && DOSSIER_STATUSES[v] !== undefined, 'one of the dossier status codes 1–10');
}
