/**
 * The process part of the "Administrative procedure" group: procedure code (mã TTHC), sector, legal
 * time limit and its unit, as motcua:* attributes on the bpmn:Process (of a participant, in a
 * collaboration). Changes go through modeling.updateModdleProperties (the command stack: undo works).
 */
import { h } from '@bpmn-io/properties-panel/preact';
import { isNumberFieldEntryEdited, isSelectEntryEdited, isTextFieldEntryEdited, NumberFieldEntry, SelectEntry, TextFieldEntry } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import type { Element } from 'bpmn-js/lib/model/Types';
import type Modeling from 'bpmn-js/lib/features/modeling/Modeling';
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';
import type { Entry, Translate } from './types.js';

/** The process an element stands for: itself, or a participant's process. */
export function processOf(element: Element): ReturnType<typeof getBusinessObject> | undefined {
  const bo = getBusinessObject(element);
  if (is(element, 'bpmn:Process')) return bo;
  if (is(element, 'bpmn:Participant')) return bo.get('processRef') ?? undefined;
  return undefined;
}

interface Props {
  element: Element;
  id: string;
}

function useProcessAttribute(element: Element, name: string) {
  const modeling = useService<Modeling>('modeling');
  const process = processOf(element);
  return {
    get: (): unknown => process?.get(name),
    set: (value: unknown) => modeling.updateModdleProperties(element, process, { [name]: value }),
  };
}

function ProcedureCode({ element, id }: Props) {
  const translate = useService<Translate>('translate');
  const debounce = useService<<F>(fn: F) => F>('debounceInput');
  const attribute = useProcessAttribute(element, 'motcua:procedureCode');
  return h(TextFieldEntry, {
    element, id, debounce,
    label: translate('Procedure code (mã TTHC)'),
    getValue: () => (attribute.get() as string | undefined) ?? '',
    setValue: (value: string | undefined) => attribute.set(value?.trim() || undefined),
  });
}

function Sector({ element, id }: Props) {
  const translate = useService<Translate>('translate');
  const debounce = useService<<F>(fn: F) => F>('debounceInput');
  const attribute = useProcessAttribute(element, 'motcua:sector');
  return h(TextFieldEntry, {
    element, id, debounce,
    label: translate('Sector'),
    getValue: () => (attribute.get() as string | undefined) ?? '',
    setValue: (value: string | undefined) => attribute.set(value?.trim() || undefined),
  });
}

function LegalTimeLimit({ element, id }: Props) {
  const translate = useService<Translate>('translate');
  const debounce = useService<<F>(fn: F) => F>('debounceInput');
  const attribute = useProcessAttribute(element, 'motcua:legalTimeLimit');
  return h(NumberFieldEntry, {
    element, id, debounce, min: 0, step: 'any',
    label: translate('Legal time limit'),
    getValue: () => {
      const value = attribute.get();
      return value === undefined ? undefined : String(value);
    },
    setValue: (value: string | number | undefined) => attribute.set(value === undefined || value === '' || Number.isNaN(Number(value)) ? undefined : Number(value)),
  });
}

function LegalTimeUnit({ element, id }: Props) {
  const translate = useService<Translate>('translate');
  const attribute = useProcessAttribute(element, 'motcua:legalTimeUnit');
  return h(SelectEntry, {
    element, id,
    label: translate('Time limit unit'),
    getValue: () => (attribute.get() as string | undefined) ?? '',
    setValue: (value: string | undefined) => attribute.set(value || undefined),
    getOptions: () => [
      { value: '', label: translate('<none>') },
      { value: 'workingDays', label: translate('Working days') },
      { value: 'calendarDays', label: translate('Calendar days') },
    ],
  });
}

export function processEntries(element: Element): Entry[] {
  if (!processOf(element)) return [];
  return [
    { id: 'motcua-procedureCode', element, component: ProcedureCode, isEdited: isTextFieldEntryEdited },
    { id: 'motcua-sector', element, component: Sector, isEdited: isTextFieldEntryEdited },
    { id: 'motcua-legalTimeLimit', element, component: LegalTimeLimit, isEdited: isNumberFieldEntryEdited },
    { id: 'motcua-legalTimeUnit', element, component: LegalTimeUnit, isEdited: isSelectEntryEdited },
  ];
}
