/**
 * The editor: the modeler with its properties panel, live lint checks, and the toolbar (back to
 * the list, download .bpmn, export SVG, deploy for those who may). Opens a new diagram, an
 * uploaded file, or a deployed version's XML. Switching the language rebuilds the modeler (bpmn-js
 * translates when it builds its UI) with the diagram as it is.
 */
import type Modeler from 'bpmn-js/lib/Modeler';
import type Canvas from 'diagram-js/lib/core/Canvas';
import { getText } from '../api.js';
import { el, replaceChildren } from '../dom.js';
import { download } from '../files.js';
import { t } from '../i18n.js';
import { mayDeploy } from '../session.js';
import { createModeler } from '../editor/create-modeler.js';
import { deploy } from '../editor/deploy.js';
import { DeployProblems } from '../editor/deploy-problems.js';
import { newDiagram } from '../editor/new-diagram.js';
import { loadLookups } from '../properties/lookups.js';
import { header, statusLine } from './layout.js';
import { setPendingDiagram, takePendingDiagram } from './pending-diagram.js';
import { renameCollidingPrefixes, type NamespacePackage } from '../editor/prefix-collisions.js';

async function source(route: string): Promise<{ xml: string; fileName: string }> {
  const pending = takePendingDiagram();
  if (pending) return pending;
  if (route === 'new' || route === 'upload') return { xml: newDiagram(), fileName: 'diagram.bpmn' };
  return { xml: await getText(`/api/process-definitions/${encodeURIComponent(route)}/xml`), fileName: 'diagram.bpmn' };
}

/** The process id of the diagram, for file names. */
function processKey(modeler: Modeler): string | undefined {
  const root = modeler.get<Canvas>('canvas').getRootElement();
  const bo = root.businessObject;
  return bo?.$type === 'bpmn:Process' ? bo.id : bo?.participants?.[0]?.processRef?.id;
}

/** Renders the editor for `route` (a definition id, `new` or `upload`); returns its cleanup. */
export function renderEditor(root: HTMLElement, route: string, rerender: () => void): () => void {
  const status = statusLine();
  const canvas = el('div', { class: 'canvas', id: 'canvas' });
  const panel = el('div', { class: 'properties', id: 'properties' });
  const problems = el('section', { class: 'problems', id: 'deploy-problems', hidden: true });
  let modeler: Modeler | undefined;
  let fileName = 'diagram.bpmn';

  const xml = async () => (await modeler!.saveXML({ format: true })).xml ?? '';
  const name = () => `${processKey(modeler!) ?? 'diagram'}`;
  const onLanguage = () => {
    if (!modeler) return rerender();
    void xml().then((text) => {
      setPendingDiagram(text, fileName);
      rerender();
    });
  };

  const toolbar = el(
    'div',
    { class: 'toolbar' },
    el('a', { href: '#/', class: 'button', id: 'back' }, t('action.back')),
    el('button', { type: 'button', id: 'download-bpmn', onclick: () => void xml().then((text) => download(`${name()}.bpmn`, text, 'application/xml')) }, t('action.download')),
    el(
      'button',
      { type: 'button', id: 'export-svg', onclick: () => void modeler!.saveSVG().then(({ svg }) => download(`${name()}.svg`, svg, 'image/svg+xml')) },
      t('action.svg'),
    ),
    mayDeploy() ? el('button', { type: 'button', id: 'deploy', class: 'primary', onclick: () => void runDeploy() }, t('action.deploy')) : null,
  );

  replaceChildren(root, header({ onLanguage }), el('main', { class: 'editor' }, toolbar, status.element, problems, el('div', { class: 'workspace' }, canvas, panel)));

  let deployProblems: DeployProblems | undefined;
  async function runDeploy(): Promise<void> {
    deployProblems?.clear();
    status.info(t('editor.deploying'));
    const outcome = await deploy(await xml(), name());
    if (outcome.kind === 'deployed') status.info(t(outcome.unchanged ? 'editor.deployUnchanged' : 'editor.deployed', outcome));
    else if (outcome.kind === 'rejected') {
      status.error(`${t('editor.deployRejected', { count: outcome.problems.length })}: ${outcome.problems.map((p) => p.message).join('; ')}`);
      deployProblems?.show(outcome.problems.length ? outcome.problems : [{ message: outcome.message }]);
    } else if (outcome.kind === 'forbidden') status.error(t('editor.deployForbidden'));
    else status.error(t('error.generic', outcome));
  }

  let destroyed = false;
  void Promise.all([source(route), loadLookups()]).then(
    async ([diagram, lookups]) => {
      if (destroyed) return;
      fileName = diagram.fileName;
      modeler = createModeler(canvas, panel, lookups);
      deployProblems = new DeployProblems(modeler, problems);
      try {
        const packages = modeler.get<{ getPackages(): NamespacePackage[] }>('moddle').getPackages();
        const { warnings } = await modeler.importXML(renameCollidingPrefixes(diagram.xml, packages));
        if (warnings.length) status.info(t('editor.importWarnings', { count: warnings.length }));
        root.dataset.importWarnings = warnings.map((warning) => (warning as unknown as { message?: string }).message ?? String(warning)).join('\n');
        modeler.get<Canvas>('canvas').zoom('fit-viewport');
        root.dataset.ready = 'true';
      } catch (error) {
        status.error(t('editor.importFailed', { message: error instanceof Error ? error.message : String(error) }));
      }
    },
    (error: unknown) => status.error(t('editor.importFailed', { message: error instanceof Error ? error.message : String(error) })),
  );

  return () => {
    destroyed = true;
    delete root.dataset.ready;
    delete root.dataset.importWarnings;
    modeler?.destroy();
  };
}
