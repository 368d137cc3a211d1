/**
 * The monitoring view of one deployed version: the diagram (NavigatedViewer: pan and zoom, no
 * editing) with badges for the tokens waiting, overdue tasks and incidents on each element, from the
 * statistics endpoint. A click on a badge shows that element's figures and the running instances
 * waiting there (the newest 20 the caller may read, from GET /api/process-instances with
 * processDefinitionId and elementId).
 */
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type Overlays from 'diagram-js/lib/features/overlays/Overlays';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import { getJson, getText } from '../api.js';
import { el, replaceChildren } from '../dom.js';
import { t, translateModule } from '../i18n.js';
import { MODDLE_EXTENSIONS } from '../editor/create-modeler.js';
import { addBadges } from '../monitor/badges.js';
import { loadStatistics, type ElementStatistics } from '../monitor/statistics.js';
import type { Definition } from './procedures.js';
import { header, statusLine } from './layout.js';

interface InstanceRow {
  readonly id: string;
  readonly businessKey: string | null;
  readonly unitCode: string | null;
  readonly startedAt: string;
}

/** The running instances waiting at an element (the newest 20), or why there are none. */
async function listInstances(definitionId: string, elementId: string, list: HTMLElement): Promise<void> {
  replaceChildren(list);
  try {
    const query = new URLSearchParams({ processDefinitionId: definitionId, elementId, state: 'active', limit: '20' });
    const { items, total } = await getJson<{ items: InstanceRow[]; total: number }>(`/api/process-instances?${query.toString()}`);
    if (items.length === 0) {
      replaceChildren(list, el('li', { class: 'note' }, t('monitor.noInstancesHere')));
      return;
    }
    replaceChildren(
      list,
      ...items.map((instance) =>
        el('li', { 'data-instance': instance.id }, `${instance.businessKey ?? instance.id} · ${instance.unitCode ?? ''} · ${new Date(instance.startedAt).toLocaleString()}`),
      ),
      ...(total > items.length ? [el('li', { class: 'note' }, t('monitor.moreInstances', { count: total - items.length }))] : []),
    );
  } catch (error) {
    replaceChildren(list, el('li', { class: 'note' }, error instanceof Error ? error.message : String(error)));
  }
}

export function renderMonitor(root: HTMLElement, definitionId: string, rerender: () => void): () => void {
  const status = statusLine();
  const title = el('h1', {});
  const canvas = el('div', { class: 'canvas', id: 'canvas' });
  const details = el('aside', { class: 'details', id: 'element-details', hidden: true });
  replaceChildren(
    root,
    header({ onLanguage: rerender }),
    el('main', { class: 'editor' }, el('div', { class: 'toolbar' }, el('a', { href: '#/', class: 'button', id: 'back' }, t('action.back')), title), status.element, el('div', { class: 'workspace' }, canvas, details)),
  );
  const viewer = new NavigatedViewer({ container: canvas, additionalModules: [translateModule], moddleExtensions: MODDLE_EXTENSIONS });
  const registry = viewer.get<ElementRegistry>('elementRegistry');

  const instanceList = el('ul', { class: 'instances', id: 'element-instances' });
  const pick = (figures: ElementStatistics) => {
    const element = registry.get(figures.elementId);
    const name = (element?.businessObject?.name as string | undefined) || figures.elementId;
    replaceChildren(
      details,
      el('h2', {}, t('monitor.element', { name })),
      el(
        'dl',
        {},
        el('dt', {}, t('monitor.waiting')), el('dd', { 'data-kind': 'waiting' }, figures.waiting.toLocaleString()),
        el('dt', {}, t('monitor.overdue')), el('dd', { 'data-kind': 'overdue' }, figures.overdue.toLocaleString()),
        el('dt', {}, t('monitor.incidents')), el('dd', { 'data-kind': 'incidents' }, figures.incidents.toLocaleString()),
      ),
      el('h3', {}, t('monitor.instancesHere')),
      instanceList,
    );
    details.hidden = false;
    void listInstances(definitionId, figures.elementId, instanceList);
  };

  void (async () => {
    try {
      const [definition, xml] = await Promise.all([
        getJson<Definition>(`/api/process-definitions/${encodeURIComponent(definitionId)}`),
        getText(`/api/process-definitions/${encodeURIComponent(definitionId)}/xml`),
      ]);
      title.textContent = t('monitor.title', { key: definition.name ?? definition.key, version: definition.version });
      await viewer.importXML(xml);
      viewer.get<Canvas>('canvas').zoom('fit-viewport');
      const statistics = await loadStatistics(definitionId).catch((error: unknown) => {
        status.error(`${t('monitor.noStatistics')} (${error instanceof Error ? error.message : String(error)})`);
        return [];
      });
      addBadges(viewer.get<Overlays>('overlays'), registry, statistics, pick);
      root.dataset.ready = 'true';
    } catch (error) {
      status.error(error instanceof Error ? error.message : String(error));
    }
  })();

  return () => {
    delete root.dataset.ready;
    viewer.destroy();
  };
}
