/**
 * The "Administrative procedure" (Thủ tục hành chính) group of the properties panel, placed after
 * the General group: process fields on a process or participant, the user-task fields, the dossier
 * status on any flow node, and the working-time switch on timer events.
 */
import type { Element } from 'bpmn-js/lib/model/Types';
import { processEntries } from './process-entries.js';
import { userTaskEntries } from './user-task-entries.js';
import { dossierStatusEntries } from './dossier-status-entry.js';
import { timerCalendarEntries } from './timer-calendar-entry.js';
import type { Entry, Translate } from './types.js';

const LOW_PRIORITY = 500;
export const GROUP_ID = 'motcua-procedure';

interface Group {
  id: string;
  label: string;
  entries: Entry[];
}

interface PropertiesPanel {
  registerProvider(priority: number, provider: unknown): void;
}

export default class ProcedurePropertiesProvider {
  static $inject = ['propertiesPanel', 'translate'];

  constructor(
    propertiesPanel: PropertiesPanel,
    private readonly translate: Translate,
  ) {
    propertiesPanel.registerProvider(LOW_PRIORITY, this);
  }

  getGroups(element: Element) {
    return (groups: Group[]): Group[] => {
      const entries = [...processEntries(element), ...userTaskEntries(element), ...dossierStatusEntries(element), ...timerCalendarEntries(element)];
      if (entries.length === 0) return groups;
      const general = groups.findIndex((group) => group.id === 'general');
      groups.splice(general + 1, 0, { id: GROUP_ID, label: this.translate('Administrative procedure'), entries });
      return groups;
    };
  }
}

/** The bpmn-js module; `motcuaLookups` is provided by the editor (lookups.ts). */
export const procedurePropertiesModule = {
  __init__: ['procedurePropertiesProvider'],
  procedurePropertiesProvider: ['type', ProcedurePropertiesProvider],
};
