/** The sign-in page: user name and password against POST /api/auth/login; the token goes to the session. */
import { ApiError, postJson } from '../api.js';
import { el, replaceChildren } from '../dom.js';
import { t } from '../i18n.js';
import { signedIn } from '../session.js';
import { header, statusLine } from './layout.js';

export function renderSignIn(root: HTMLElement, rerender: () => void, next: string): void {
  const status = statusLine();
  const username = el('input', { id: 'username', name: 'username', autocomplete: 'username', required: true });
  const password = el('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = el(
    'form',
    { class: 'sign-in' },
    el('h1', {}, t('signIn.title')),
    el('label', { for: 'username' }, t('signIn.username')),
    username,
    el('label', { for: 'password' }, t('signIn.password')),
    password,
    el('button', { type: 'submit', id: 'sign-in' }, t('signIn.submit')),
    status.element,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    status.clear();
    postJson<{ token: string }>('/api/auth/login', { username: username.value, password: password.value }).then(
      (answer) => {
        signedIn(answer.token);
        location.hash = next;
      },
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 429) status.error(t('signIn.tooMany'));
        else if (error instanceof ApiError && error.status === 0) status.error(t('error.network'));
        else status.error(t('signIn.failed'));
      },
    );
  });
  replaceChildren(root, header({ onLanguage: rerender }), el('main', { class: 'page' }, form));
  username.focus();
}
