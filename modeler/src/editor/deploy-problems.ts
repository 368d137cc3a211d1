/**
 * Shows a refused deployment's problems on the diagram: a red marker and an overlay with the
 * server's message on every element a problem names, and a list (clicking an entry selects the
 * element). Cleared at the next deploy or when the diagram changes.
 */
import type Modeler from 'bpmn-js/lib/Modeler';
import type Overlays from 'diagram-js/lib/features/overlays/Overlays';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type Selection from 'diagram-js/lib/features/selection/Selection';
import type { ProblemItem } from '../api.js';
import { el, replaceChildren } from '../dom.js';
import { t, translateProblem } from '../i18n.js';

const OVERLAY_TYPE = 'motcua-deploy-problem';
const MARKER = 'motcua-deploy-error';

export class DeployProblems {
  private marked: string[] = [];

  constructor(
    private readonly modeler: Modeler,
    private readonly list: HTMLElement,
  ) {
    modeler.on('commandStack.changed', () => this.clear());
  }

  clear(): void {
    const overlays = this.modeler.get<Overlays>('overlays');
    const canvas = this.modeler.get<Canvas>('canvas');
    overlays.remove({ type: OVERLAY_TYPE });
    for (const id of this.marked) canvas.removeMarker(id, MARKER);
    this.marked = [];
    replaceChildren(this.list);
    this.list.hidden = true;
  }

  show(problems: readonly ProblemItem[]): void {
    this.clear();
    const registry = this.modeler.get<ElementRegistry>('elementRegistry');
    const overlays = this.modeler.get<Overlays>('overlays');
    const canvas = this.modeler.get<Canvas>('canvas');
    const selection = this.modeler.get<Selection>('selection');
    const items = problems.map((problem) => {
      const message = translateProblem(problem.message);
      const element = problem.elementId ? registry.get(problem.elementId) : undefined;
      if (element && problem.elementId) {
        canvas.addMarker(problem.elementId, MARKER);
        this.marked.push(problem.elementId);
        overlays.add(problem.elementId, OVERLAY_TYPE, {
          position: { top: -12, right: 12 },
          html: el('div', { class: 'motcua-problem-badge', title: message, 'data-element-id': problem.elementId }, '!'),
        });
      }
      return el(
        'li',
        { class: 'motcua-problem', 'data-element-id': problem.elementId ?? '' },
        el('button', { type: 'button', class: 'link', onclick: () => element && selection.select(element), disabled: !element }, problem.elementId ?? problem.field ?? problem.file ?? '—'),
        ': ',
        message,
      );
    });
    replaceChildren(this.list, el('h3', {}, t('editor.problems')), el('ul', {}, ...items));
    this.list.hidden = false;
  }
}
