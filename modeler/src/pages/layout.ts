/**
 * The frame of every page: a header with the title, the signed-in user and sign-out, and the
 * language switch (Tiếng Việt / English), which re-renders the current page.
 */
import { el } from '../dom.js';
import { language, LANGUAGES, setLanguage, t, type Language } from '../i18n.js';
import { currentUser, signOut } from '../session.js';

const LANGUAGE_NAMES: Record<Language, string> = { vi: 'Tiếng Việt', en: 'English' };

export interface LayoutOptions {
  /** Called after the language changed (the page renders itself again). */
  readonly onLanguage: () => void;
}

export function header(options: LayoutOptions): HTMLElement {
  const user = currentUser();
  const select = el(
    'select',
    { id: 'language', 'aria-label': t('language') },
    ...LANGUAGES.map((code) => el('option', { value: code, selected: code === language() }, LANGUAGE_NAMES[code])),
  );
  select.addEventListener('change', () => {
    setLanguage(select.value as Language);
    options.onLanguage();
  });
  return el(
    'header',
    { class: 'app-header' },
    el('a', { href: '#/', class: 'app-title' }, t('title')),
    el('span', { class: 'spacer' }),
    select,
    user ? el('span', { class: 'user', id: 'current-user' }, user.username) : null,
    user
      ? el('button', { type: 'button', id: 'sign-out', onclick: () => { signOut(); location.hash = '#/login'; } }, t('signOut'))
      : null,
  );
}

/** A message line (info or error) that pages update. */
export function statusLine(): { element: HTMLElement; info(text: string): void; error(text: string): void; clear(): void } {
  const element = el('p', { class: 'status', role: 'status', id: 'status' });
  const set = (kind: string, text: string) => {
    element.className = `status ${kind}`;
    element.textContent = text;
  };
  return { element, info: (text) => set('info', text), error: (text) => set('error', text), clear: () => set('', '') };
}
