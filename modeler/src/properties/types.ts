/** Shapes shared by the properties entries. */
import type { Element } from 'bpmn-js/lib/model/Types';

export type Translate = (template: string, replacements?: Record<string, unknown>) => string;

/** A properties-panel entry: a Preact component with its element, and how to tell it is set. */
export interface Entry {
  readonly id: string;
  readonly element: Element;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly component: (props: any) => unknown;
  readonly isEdited: (node: unknown) => boolean;
}
