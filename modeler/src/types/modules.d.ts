/**
 * Type declarations for the browser libraries that ship none: the properties panel (Preact
 * components and the bpmn-js integration), bpmn-js-bpmnlint, camunda-bpmn-js-behaviors, bpmnlint's
 * rules, and the build's virtual module of lint rules. Only what the modeler uses is declared.
 */
declare module '*.css';

declare module 'bpmn-js-properties-panel' {
  import type { ModuleDeclaration } from 'didi';
  export const BpmnPropertiesPanelModule: ModuleDeclaration;
  export const BpmnPropertiesProviderModule: ModuleDeclaration;
  export const CamundaPlatformPropertiesProviderModule: ModuleDeclaration;
  export function useService<T = unknown>(name: string): T;
}

declare module '@bpmn-io/properties-panel' {
  import type { VNode } from '@bpmn-io/properties-panel/preact';
  export interface EntryProps<V> {
    element: unknown;
    id: string;
    label: string;
    description?: string;
    getValue(element: unknown): V;
    setValue(value: V): void;
    debounce?: <F>(fn: F) => F;
  }
  export interface Option {
    value: string;
    label: string;
    disabled?: boolean;
  }
  export function TextFieldEntry(props: EntryProps<string | undefined>): VNode;
  export function NumberFieldEntry(props: EntryProps<string | undefined> & { min?: number; max?: number; step?: string | number }): VNode;
  export function SelectEntry(props: EntryProps<string | undefined> & { getOptions(element: unknown): Option[] }): VNode;
  export function CheckboxEntry(props: EntryProps<boolean>): VNode;
  export const isTextFieldEntryEdited: (node: unknown) => boolean;
  export const isNumberFieldEntryEdited: (node: unknown) => boolean;
  export const isSelectEntryEdited: (node: unknown) => boolean;
  export const isCheckboxEntryEdited: (node: unknown) => boolean;
}

declare module '@bpmn-io/properties-panel/preact' {
  export type VNode = { readonly type: unknown; readonly props: unknown };
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  export function h(type: Function | string, props: Record<string, unknown> | null, ...children: unknown[]): VNode;
}

declare module 'camunda-bpmn-js-behaviors/lib/camunda-platform' {
  import type { ModuleDeclaration } from 'didi';
  const module: ModuleDeclaration;
  export default module;
}

declare module 'bpmn-js-bpmnlint' {
  import type { ModuleDeclaration } from 'didi';
  const module: ModuleDeclaration;
  export default module;
}

/** Made by modeler/build.ts; the shapes are those of modeler/src/lint/lint-types.ts. */
declare module 'virtual:bpmnlint-rules' {
  type LintRuleFactory = (...args: never[]) => unknown;
  interface LintConfig {
    readonly rules: Readonly<Record<string, string | number | readonly unknown[]>>;
  }
  export const recommendedConfig: LintConfig;
  export const recommendedRules: Record<string, LintRuleFactory>;
  export const motcuaPlugin: {
    readonly rules?: Readonly<Record<string, LintRuleFactory>>;
    readonly configs?: { readonly recommended?: LintConfig };
    readonly config?: LintConfig;
  } | null;
}
