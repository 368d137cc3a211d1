/**
 * Type declarations for the parts of bpmn-moddle 10 this loader uses. The package's main entry
 * ships no declaration file (only `bpmn-moddle/types` for the element interfaces), so NodeNext
 * resolution would otherwise see an untyped module.
 */
declare module 'bpmn-moddle' {
  /** One warning the reader collected while it went on parsing. */
  export interface ModdleParseWarning {
    readonly message: string;
    /** The element the warning is about (attribute and reference warnings). */
    readonly element?: unknown;
    /** The qualified property name (e.g. 'bpmn:sourceRef', 'camunda:varMapping'). */
    readonly property?: string;
    readonly value?: unknown;
    readonly error?: Error;
  }

  export interface ModdleParseResult {
    readonly rootElement: unknown;
    readonly references: readonly unknown[];
    readonly warnings: readonly ModdleParseWarning[];
    readonly elementsById: Readonly<Record<string, unknown>>;
  }

  /** The error fromXML rejects with when the document cannot be read at all. */
  export interface ModdleParseError extends Error {
    readonly warnings?: readonly ModdleParseWarning[];
  }

  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string, options?: Record<string, unknown>): Promise<ModdleParseResult>;
  }
}
