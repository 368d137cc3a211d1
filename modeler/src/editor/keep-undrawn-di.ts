/**
 * Keeps the diagram interchange (DI) of what bpmn-js does not draw. When saving, bpmn-js rebuilds
 * each shown plane's elements from the shapes on its canvas (BpmnDiOrdering), so the DI of anything
 * it never drew would be dropped from the file: the shapes of a process that no participant of the
 * collaboration references, or an edge that names no BPMN element (BPMN DI allows both, and the
 * MIWG reference models B.1.0, B.2.0 and C.7.0 have them). This module notes them once a diagram is
 * imported and puts them back at the end of their plane after that reordering, so a file the
 * analyst only opened and saved keeps what other tools wrote.
 */
import type EventBus from 'diagram-js/lib/core/EventBus';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';

interface DiElement {
  readonly $type: string;
}

interface Plane {
  get(name: 'planeElement'): DiElement[];
}

interface Definitions {
  readonly diagrams?: ReadonlyArray<{ readonly plane?: Plane }>;
}

/** After bpmn-js's own reordering on `saveXML.start` (priority 2000). */
const AFTER_DI_ORDERING = 500;

export class KeepUndrawnDi {
  static $inject = ['eventBus', 'elementRegistry', 'bpmnjs'];

  private undrawn = new Map<Plane, DiElement[]>();

  constructor(eventBus: EventBus, elementRegistry: ElementRegistry, bpmnjs: { getDefinitions(): Definitions | undefined }) {
    eventBus.on('import.done', () => {
      const drawn = new Set(elementRegistry.getAll().map((element) => (element as { di?: DiElement }).di));
      this.undrawn = new Map();
      for (const diagram of bpmnjs.getDefinitions()?.diagrams ?? []) {
        const plane = diagram.plane;
        const missing = plane?.get('planeElement').filter((di) => !drawn.has(di)) ?? [];
        if (plane && missing.length > 0) this.undrawn.set(plane, missing);
      }
    });
    eventBus.on('saveXML.start', AFTER_DI_ORDERING, () => {
      for (const [plane, kept] of this.undrawn) {
        const elements = plane.get('planeElement');
        for (const di of kept) if (!elements.includes(di)) elements.push(di);
      }
    });
  }
}

export const keepUndrawnDiModule = {
  __init__: ['keepUndrawnDi'],
  keepUndrawnDi: ['type', KeepUndrawnDi],
};
