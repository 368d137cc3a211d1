/**
 * The start page: the deployed procedures (name, key, latest version, versions, running
 * instances) with open, monitor and download; and new diagram, upload of a .bpmn file.
 */
import { getText } from '../api.js';
import { el, replaceChildren } from '../dom.js';
import { download, pickTextFile } from '../files.js';
import { t } from '../i18n.js';
import { header, statusLine } from './layout.js';
import { loadProcedures, type Procedure } from './procedures.js';
import { setPendingDiagram } from './pending-diagram.js';

function row(procedure: Procedure, status: ReturnType<typeof statusLine>): HTMLElement {
  const { latest } = procedure;
  const downloadXml = () =>
    getText(`/api/process-definitions/${latest.id}/xml`).then(
      (xml) => download(`${procedure.key}.bpmn`, xml, 'application/xml'),
      (error: unknown) => status.error(String(error)),
    );
  return el(
    'tr',
    { 'data-key': procedure.key },
    el('td', {}, latest.name ?? ''),
    el('td', {}, el('code', {}, procedure.key)),
    el('td', { class: 'number', 'data-column': 'latest' }, latest.version),
    el('td', { class: 'number', 'data-column': 'versions' }, procedure.versions),
    el('td', { class: 'number', 'data-column': 'running' }, procedure.running),
    el(
      'td',
      { class: 'actions' },
      el('a', { href: `#/edit/${latest.id}`, class: 'button', 'data-action': 'open' }, t('action.open')),
      el('a', { href: `#/monitor/${latest.id}`, class: 'button', 'data-action': 'monitor' }, t('action.monitor')),
      el('button', { type: 'button', 'data-action': 'download', onclick: downloadXml }, t('action.download')),
    ),
  );
}

export function renderStart(root: HTMLElement, rerender: () => void): void {
  const status = statusLine();
  const body = el('tbody', {}, el('tr', {}, el('td', { colspan: '6' }, t('start.loading'))));
  const upload = () =>
    pickTextFile('.bpmn,.xml').then((file) => {
      if (!file) return;
      setPendingDiagram(file.text, file.name);
      location.hash = '#/edit/upload';
    });
  replaceChildren(
    root,
    header({ onLanguage: rerender }),
    el(
      'main',
      { class: 'page' },
      el('h1', {}, t('start.title')),
      el(
        'div',
        { class: 'toolbar' },
        el('a', { href: '#/new', class: 'button', id: 'new-diagram' }, t('start.new')),
        el('button', { type: 'button', id: 'upload-diagram', onclick: upload }, t('start.upload')),
      ),
      status.element,
      el(
        'table',
        { class: 'procedures', id: 'procedures' },
        el('thead', {}, el('tr', {}, ...['col.name', 'col.key', 'col.latest', 'col.versions', 'col.running', 'col.actions'].map((key) => el('th', {}, t(key))))),
        body,
      ),
    ),
  );
  loadProcedures().then(
    (procedures) =>
      replaceChildren(body, ...(procedures.length ? procedures.map((p) => row(p, status)) : [el('tr', {}, el('td', { colspan: '6' }, t('start.empty')))])),
    (error: unknown) => status.error(String(error instanceof Error ? error.message : error)),
  );
}
