/**
 * The user-task part of the "Administrative procedure" group: the role (camunda:candidateGroups)
 * and unit (motcua:unit, empty = the dossier's unit) picked from the API's lists, the step allowance
 * in working hours (motcua:allowanceHours), and the form (camunda:formKey="schema:<key>") picked from
 * the deployed forms. Changes go through the command stack.
 */
import { h } from '@bpmn-io/properties-panel/preact';
import { isNumberFieldEntryEdited, isSelectEntryEdited, NumberFieldEntry, SelectEntry } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import type { Element } from 'bpmn-js/lib/model/Types';
import type Modeling from 'bpmn-js/lib/features/modeling/Modeling';
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';
import type { Lookups } from './lookups.js';
import { selectOptions } from './select-options.js';
import type { Entry, Translate } from './types.js';

/** The prefix of form keys that name a JSON Schema form deployed to the API. */
export const SCHEMA_FORM_PREFIX = 'schema:';

interface Props {
  element: Element;
  id: string;
}

/** A select over one attribute of the user task, with options from one of the API's lists. */
function LookupSelect({ element, id, attribute, list, label, emptyLabel, toValue, fromValue }: Props & {
  attribute: string;
  list: keyof Lookups;
  label: string;
  emptyLabel: string;
  toValue?: (stored: string | undefined) => string | undefined;
  fromValue?: (picked: string | undefined) => string | undefined;
}) {
  const translate = useService<Translate>('translate');
  const modeling = useService<Modeling>('modeling');
  const lookups = useService<Lookups>('motcuaLookups');
  const bo = getBusinessObject(element);
  const read = (): string | undefined => (toValue ?? ((v) => v))(bo.get(attribute) as string | undefined);
  return h(SelectEntry, {
    element, id,
    label: translate(label),
    getValue: () => read() ?? '',
    setValue: (value: string | undefined) => modeling.updateProperties(element, { [attribute]: (fromValue ?? ((v) => v))(value || undefined) }),
    getOptions: () => selectOptions(lookups[list], read(), translate(emptyLabel), (value) => translate('(unknown: {value})', { value })),
  });
}

const Role = (props: Props) => h(LookupSelect, { ...props, attribute: 'camunda:candidateGroups', list: 'roles', label: 'Role (candidate group)', emptyLabel: '<none>' });

const Unit = (props: Props) => h(LookupSelect, { ...props, attribute: 'motcua:unit', list: 'units', label: 'Unit', emptyLabel: "The dossier's unit" });

const Form = (props: Props) =>
  h(LookupSelect, {
    ...props,
    attribute: 'camunda:formKey',
    list: 'forms',
    label: 'Form',
    emptyLabel: '<none>',
    toValue: (stored: string | undefined) => (stored?.startsWith(SCHEMA_FORM_PREFIX) ? stored.slice(SCHEMA_FORM_PREFIX.length) : stored),
    fromValue: (picked: string | undefined) => (picked ? `${SCHEMA_FORM_PREFIX}${picked}` : undefined),
  });

function Allowance({ element, id }: Props) {
  const translate = useService<Translate>('translate');
  const modeling = useService<Modeling>('modeling');
  const debounce = useService<<F>(fn: F) => F>('debounceInput');
  const bo = getBusinessObject(element);
  return h(NumberFieldEntry, {
    element, id, debounce, min: 0, step: 'any',
    label: translate('Allowance (working hours)'),
    getValue: () => {
      const value = bo.get('motcua:allowanceHours') as number | undefined;
      return value === undefined ? undefined : String(value);
    },
    setValue: (value: string | number | undefined) =>
      modeling.updateProperties(element, { 'motcua:allowanceHours': value === undefined || value === '' || Number.isNaN(Number(value)) ? undefined : Number(value) }),
  });
}

export function userTaskEntries(element: Element): Entry[] {
  if (!is(element, 'bpmn:UserTask')) return [];
  return [
    { id: 'motcua-candidateGroup', element, component: Role, isEdited: isSelectEntryEdited },
    { id: 'motcua-unit', element, component: Unit, isEdited: isSelectEntryEdited },
    { id: 'motcua-allowanceHours', element, component: Allowance, isEdited: isNumberFieldEntryEdited },
    { id: 'motcua-form', element, component: Form, isEdited: isSelectEntryEdited },
  ];
}
