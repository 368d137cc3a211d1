/**
 * Options for a select entry: an empty choice, the known values, and the stored value when the list
 * does not have it (a role or unit deleted since, or a list the caller may not read), so a model
 * never silently loses what it says.
 */
import type { Option } from '@bpmn-io/properties-panel';
import type { Lookup } from './lookups.js';

export function selectOptions(known: readonly Lookup[], current: string | undefined, emptyLabel: string, unknownLabel: (value: string) => string): Option[] {
  const options: Option[] = [{ value: '', label: emptyLabel }, ...known.map(({ value, label }) => ({ value, label }))];
  if (current && !known.some((option) => option.value === current)) options.push({ value: current, label: unknownLabel(current) });
  return options;
}
