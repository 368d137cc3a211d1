/**
 * "Count in working time" on timer events: a checkbox that sets, or removes,
 * `<camunda:property name="calendar" value="working"/>` in the event's camunda:Properties (the
 * engine then reads the timer's duration in working hours and skips holidays), so analysts need not
 * know a notation. One command on the stack: creating extensionElements and camunda:Properties when
 * missing is part of it, so one undo reverts the click.
 */
import { h } from '@bpmn-io/properties-panel/preact';
import { CheckboxEntry, isCheckboxEntryEdited } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import type { Element } from 'bpmn-js/lib/model/Types';
import type BpmnFactory from 'bpmn-js/lib/features/modeling/BpmnFactory';
import type CommandStack from 'diagram-js/lib/command/CommandStack';
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';
import type { ModdleElement } from 'bpmn-js/lib/model/Types';
import type { Entry, Translate } from './types.js';

export const CALENDAR_PROPERTY = 'calendar';
export const WORKING_CALENDAR = 'working';

const isTimerEvent = (element: Element): boolean =>
  is(element, 'bpmn:Event') && (getBusinessObject(element).get('eventDefinitions') as ModdleElement[] | undefined ?? []).some((d: ModdleElement) => is(d, 'bpmn:TimerEventDefinition'));

function camundaProperties(bo: ModdleElement): ModdleElement | undefined {
  const values = (bo.get('extensionElements')?.get('values') ?? []) as ModdleElement[];
  return values.find((value) => is(value, 'camunda:Properties'));
}

function calendarProperty(bo: ModdleElement): ModdleElement | undefined {
  return ((camundaProperties(bo)?.get('values') ?? []) as ModdleElement[]).find((p) => p.get('name') === CALENDAR_PROPERTY);
}

interface Command {
  cmd: string;
  context: Record<string, unknown>;
}

/** The commands that make `calendar=working` present (checked) or absent (unchecked). */
function commandsFor(element: Element, checked: boolean, bpmnFactory: BpmnFactory): Command[] {
  const bo = getBusinessObject(element);
  const update = (moddleElement: ModdleElement, properties: Record<string, unknown>): Command => ({
    cmd: 'element.updateModdleProperties',
    context: { element, moddleElement, properties },
  });
  const existing = calendarProperty(bo);
  if (!checked) {
    if (!existing) return [];
    const properties = camundaProperties(bo)!;
    return [update(properties, { values: (properties.get('values') as ModdleElement[]).filter((p) => p !== existing) })];
  }
  if (existing) return [update(existing, { value: WORKING_CALENDAR })];
  const commands: Command[] = [];
  let extensionElements = bo.get('extensionElements') as ModdleElement | undefined;
  if (!extensionElements) {
    extensionElements = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
    extensionElements.$parent = bo;
    commands.push(update(bo, { extensionElements }));
  }
  let properties = camundaProperties(bo);
  if (!properties) {
    properties = bpmnFactory.create('camunda:Properties', { values: [] });
    properties.$parent = extensionElements;
    commands.push(update(extensionElements, { values: [...(extensionElements.get('values') as ModdleElement[]), properties] }));
  }
  const property = bpmnFactory.create('camunda:Property', { name: CALENDAR_PROPERTY, value: WORKING_CALENDAR });
  property.$parent = properties;
  commands.push(update(properties, { values: [...(properties.get('values') as ModdleElement[]), property] }));
  return commands;
}

function WorkingTime({ element, id }: { element: Element; id: string }) {
  const translate = useService<Translate>('translate');
  const commandStack = useService<CommandStack>('commandStack');
  const bpmnFactory = useService<BpmnFactory>('bpmnFactory');
  return h(CheckboxEntry, {
    element, id,
    label: translate('Count in working time'),
    description: translate('Durations of this timer count working hours and skip holidays'),
    getValue: () => calendarProperty(getBusinessObject(element))?.get('value') === WORKING_CALENDAR,
    setValue: (checked: boolean) => {
      const commands = commandsFor(element, checked, bpmnFactory);
      if (commands.length > 0) commandStack.execute('properties-panel.multi-command-executor', commands);
    },
  });
}

export function timerCalendarEntries(element: Element): Entry[] {
  if (!isTimerEvent(element)) return [];
  return [{ id: 'motcua-workingTime', element, component: WorkingTime, isEdited: isCheckboxEntryEdited }];
}
