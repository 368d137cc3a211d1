/**
 * The UI language: Vietnamese by default, English on request (kept in localStorage). Our pages'
 * texts are keyed (`app` in modeler/i18n/<lang>.json); the diagram's texts (palette, context pad,
 * properties panel, bpmnlint's messages) are bpmn-js's English strings, translated through the
 * `diagram` table by the translate module that replaces bpmn-js's own; the engine's model problems
 * through the `lint` table of templates.
 */
import vi from '../i18n/vi.json';
import en from '../i18n/en.json';
import { lintTranslator, type LintTable } from './lint/lint-messages.js';

export type Language = 'vi' | 'en';
export const LANGUAGES: readonly Language[] = ['vi', 'en'];

interface Table {
  readonly app: Readonly<Record<string, string>>;
  readonly diagram: Readonly<Record<string, string>>;
  /** The engine's model problems, by template (lint/lint-messages.ts). */
  readonly lint: LintTable;
}

const TABLES: Record<Language, Table> = { vi, en };
const LINT: Record<Language, (message: string) => string | undefined> = { vi: lintTranslator(vi.lint), en: lintTranslator(en.lint) };
const STORAGE_KEY = 'motcua.language';

let current: Language = (() => {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  return stored === 'en' || stored === 'vi' ? stored : 'vi';
})();

export const language = (): Language => current;

export function setLanguage(next: Language): void {
  current = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
}

const fill = (template: string, replacements: Readonly<Record<string, unknown>> = {}): string =>
  template.replace(/{([^}]+)}/g, (_, key: string) => (replacements[key] === undefined ? `{${key}}` : String(replacements[key])));

/** One of our own texts, by key (the English one when a key is missing in the current language). */
export function t(key: string, replacements?: Readonly<Record<string, unknown>>): string {
  return fill(TABLES[current].app[key] ?? TABLES.en.app[key] ?? key, replacements);
}

/**
 * bpmn-js's translate function: the English template, translated when the table has it. Lint
 * messages come through here too (bpmn-js-bpmnlint translates each): the engine's, built from
 * templates, are matched against the `lint` table.
 */
export function translateDiagram(template: string, replacements?: Readonly<Record<string, unknown>>): string {
  return fill(TABLES[current].diagram[template] ?? LINT[current](template) ?? template, replacements);
}

/** A problem the server named (a 422 on deploy) in the current language, when the `lint` table knows it. */
export const translateProblem = (message: string): string => LINT[current](message) ?? message;

/** The module that replaces bpmn-js's `translate` service. */
export const translateModule = { translate: ['value', translateDiagram] };
