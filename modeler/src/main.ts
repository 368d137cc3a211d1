/**
 * The modeler's entry: styles, then a hash router over the pages — #/login, #/ (procedures),
 * #/new, #/edit/<definition id | upload>, #/monitor/<definition id>. Pages other than sign-in
 * need a session: the token, and who the user is (GET /api/me, for what the page may show).
 */
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import { getJson } from './api.js';
import { language } from './i18n.js';
import { currentUser, setMe, token, type Me } from './session.js';
import { renderSignIn } from './pages/sign-in-page.js';
import { renderStart } from './pages/start-page.js';
import { renderEditor } from './pages/editor-page.js';
import { renderMonitor } from './pages/monitor-page.js';

const root = document.getElementById('app')!;
let cleanup: (() => void) | undefined;

async function render(): Promise<void> {
  cleanup?.();
  cleanup = undefined;
  document.documentElement.lang = language();
  const route = location.hash.replace(/^#\/?/, '');
  root.dataset.page = route.split('/')[0] || 'start';
  if (route === 'login' || !token()) {
    root.dataset.page = 'login';
    return renderSignIn(root, () => void render(), route === 'login' || route === '' ? '#/' : `#/${route}`);
  }
  if (!currentUser()) {
    try {
      setMe(await getJson<Me>('/api/me'));
    } catch {
      location.hash = '#/login';
      return;
    }
  }
  const rerender = () => void render();
  const [page, id] = route.split('/');
  if (page === 'new') cleanup = renderEditor(root, 'new', rerender);
  else if (page === 'edit' && id) cleanup = renderEditor(root, id, rerender);
  else if (page === 'monitor' && id) cleanup = renderMonitor(root, id, rerender);
  else renderStart(root, rerender);
}

window.addEventListener('hashchange', () => void render());
void render();
