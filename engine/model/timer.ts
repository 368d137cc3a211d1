/**
 * timerEventDefinition → TimerDefinition, for intermediate catch, boundary and start events.
 * - Exactly one of timeDate, timeDuration, timeCycle, with a non-empty body; none, several or an
 *   empty one is a 'timer-definition' error.
 * - The body is trimmed and compiled like any attribute: `${...}` / `#{...}` JUEL, `=...` FEEL,
 *   anything else a literal. A language attribute on the expression is read as on a condition:
 *   "feel" (or a FEEL namespace URI) makes the body FEEL, "juel" or none detects it, any other
 *   language is 'unsupported-attribute'.
 * - A literal must be ISO 8601 text for its kind (checked here, at deploy; an expression's value is
 *   checked when the timer is scheduled, with timerTextProblem):
 *   date      a date or date-time, e.g. 2026-03-02 or 2026-03-02T09:00:00Z (offset optional);
 *   duration  PnYnMnWnDTnHnMnS, e.g. PT5M, P3D, P1DT12H (fractional seconds with a '.' allowed);
 *   cycle     R[n]/<duration> or R[n]/<start date-time>/<duration>, e.g. R3/PT10H, R/P1D,
 *             R2/2026-03-02T09:00:00Z/P1W (no n: repeat without end).
 *   Cron text (Camunda 7's other cycle syntax, e.g. "0 0/5 * * * ?") is refused by name.
 * - workingTime: camunda:property name="calendar" value="working" on the event; any other value of
 *   that property is warned about ('timer-calendar') and the timer counts calendar time.
 */
import type { CompiledExpression } from '../expressions/types.js';
import { compileAt, type ExpressionSite } from './compile.js';
import type { TimerDefinition } from './graph.js';
import { attr, child, type ModdleElement } from './moddle.js';

type TimerKind = TimerDefinition['kind'];

const KINDS: readonly { readonly kind: TimerKind; readonly element: string }[] = [
  { kind: 'date', element: 'timeDate' },
  { kind: 'duration', element: 'timeDuration' },
  { kind: 'cycle', element: 'timeCycle' },
];

export function buildTimer(
  definition: ModdleElement,
  site: ExpressionSite,
  properties: Readonly<Record<string, string>>,
): TimerDefinition | undefined {
  const { problems, elementId, label } = site;
  const present = KINDS.map((k) => ({ ...k, expression: child(definition, k.element) })).filter((k) => k.expression !== undefined);
  if (present.length !== 1) {
    const why =
      present.length === 0
        ? 'has none of timeDate, timeDuration and timeCycle, so it never fires'
        : `has ${present.map((k) => k.element).join(' and ')}; it must have exactly one of timeDate, timeDuration and timeCycle`;
    problems.error('timer-definition', `${label}: the timerEventDefinition ${why}.`, { elementId, attribute: 'timerEventDefinition' });
    return undefined;
  }
  const { kind, element, expression: body } = present[0] as (typeof present)[number] & { expression: ModdleElement };
  const text = attr(body, 'body')?.trim() ?? '';
  if (text === '') {
    problems.error('timer-definition', `${label}: ${element} is empty; it must say when the timer fires.`, { elementId, attribute: element });
    return undefined;
  }
  const expression = compileTimer(body, text, element, site);
  if (!expression) return undefined;
  if (expression.language === 'literal') {
    const problem = timerTextProblem(kind, text);
    if (problem) {
      problems.error('timer-definition', `${label}: ${element} '${text}' ${problem}.`, { elementId, attribute: element });
      return undefined;
    }
  }
  const calendar = properties.calendar;
  if (calendar !== undefined && calendar !== 'working') {
    problems.warn(
      'timer-calendar',
      `${label}: camunda:property calendar="${calendar}" is not a calendar this engine knows (only "working"); the timer counts calendar time.`,
      { elementId, attribute: 'camunda:property' },
    );
  }
  return Object.freeze({ kind, expression, workingTime: calendar === 'working' });
}

function compileTimer(body: ModdleElement, text: string, element: string, site: ExpressionSite): CompiledExpression | undefined {
  const language = attr(body, 'language')?.trim();
  if (language === undefined || language === '' || /^juel$/i.test(language)) return compileAt(site, element, text);
  if (/^feel$/i.test(language) || /\/FEEL\/?/i.test(language)) return compileAt(site, element, text, 'feel');
  site.problems.error(
    'unsupported-attribute',
    `${site.label}: ${element} language "${language}" is not supported; use FEEL (language="feel"), a \${...} expression or ISO 8601 text.`,
    { elementId: site.elementId, attribute: 'language' },
  );
  return undefined;
}

const DURATION = /^P(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2})(?::?(\d{2}))?)?)?$/;
const CYCLE = /^R(\d*)\/(?:([^/]+)\/)?([^/]+)$/;
const CRON_FIELD = /^[0-9A-Za-z*?/,#-]+$/;

/** Whether the text is an ISO 8601 duration such as PT5M or P1DT12H. */
export function isIsoDuration(text: string): boolean {
  return DURATION.test(text) && text !== 'P' && !text.endsWith('T');
}

/** Whether the text is an ISO 8601 date (2026-03-02) or date-time (2026-03-02T09:00:00Z) with valid fields. */
export function isIsoDateTime(text: string): boolean {
  const m = DATE_TIME.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = m.slice(1).map((p) => (p === undefined ? 0 : Number(p))) as [
    number, number, number, number, number, number, number, number,
  ];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return false;
  if (hour > 23 || minute > 59 || second > 59) return false;
  return offsetHours <= 23 && offsetMinutes <= 59;
}

/**
 * Why a timer's text (a literal, or what an expression gave) cannot be used for this kind of timer,
 * or undefined when it can. The reason completes a sentence: "'PT5X' <reason>".
 */
export function timerTextProblem(kind: TimerKind, text: string): string | undefined {
  switch (kind) {
    case 'date':
      return isIsoDateTime(text) ? undefined : 'is not an ISO 8601 date-time (e.g. 2026-03-02T09:00:00Z)';
    case 'duration':
      return isIsoDuration(text) ? undefined : 'is not an ISO 8601 duration (PnYnMnWnDTnHnMnS, e.g. PT5M or P3D)';
    case 'cycle': {
      const cycle = CYCLE.exec(text);
      if (cycle) {
        const [, , start, duration = ''] = cycle;
        if (start !== undefined && !isIsoDateTime(start)) return `has a start '${start}' that is not an ISO 8601 date-time`;
        if (!isIsoDuration(duration)) return `has an interval '${duration}' that is not an ISO 8601 duration`;
        return undefined;
      }
      const fields = text.split(/\s+/);
      if (fields.length >= 5 && fields.length <= 7 && fields.every((f) => CRON_FIELD.test(f))) {
        return 'is a cron expression, which is not supported; use an ISO 8601 repeating interval such as R3/PT10H or R/P1D';
      }
      return 'is not an ISO 8601 repeating interval (R[n]/<duration> or R[n]/<start>/<duration>, e.g. R3/PT10H)';
    }
  }
}
