/**
 * Errors as RFC 9457 problem details (`application/problem+json`): `type`, `title`, `status`, a
 * stable `code` that clients branch on, a human `detail`, and `errors[]` naming each offending field
 * or BPMN element. Handlers throw HttpProblem; everything else is mapped by toProblem() (see
 * error-mapper.ts), so one place decides what a caller sees.
 */

/** One offending field (a JSON pointer such as `/body/username`) or BPMN element, in an uploaded file if named. */
export interface ProblemItem {
  /** The uploaded file (a deployment's resource) the problem is in. */
  readonly file?: string;
  readonly field?: string;
  readonly elementId?: string;
  readonly code?: string;
  readonly message: string;
}

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors?: readonly ProblemItem[];
  /** The request id, so a caller can quote it when reporting a 500. */
  readonly instance?: string;
}

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const titleOf = (status: number): string => TITLES[status] ?? 'Error';

/** Problem types are documentation anchors, stable like the codes. */
export const typeOf = (code: string): string => `urn:motcua:problem:${code}`;

/** An error a handler throws on purpose: it becomes exactly this problem. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: readonly ProblemItem[] = [],
    /** Extra response headers (e.g. Retry-After, WWW-Authenticate). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export const badRequest = (code: string, detail: string, errors: readonly ProblemItem[] = []): HttpProblem =>
  new HttpProblem(400, code, detail, errors);
export const unauthorized = (detail = 'Authentication is required', code = 'unauthenticated'): HttpProblem =>
  new HttpProblem(401, code, detail, [], { 'WWW-Authenticate': 'Bearer realm="motcua"' });
export const forbidden = (detail = 'You may not do this', code = 'forbidden'): HttpProblem => new HttpProblem(403, code, detail);
export const notFound = (what: string, id: string): HttpProblem => new HttpProblem(404, 'not-found', `${what} '${id}' does not exist`);
export const conflict = (code: string, detail: string, errors: readonly ProblemItem[] = []): HttpProblem =>
  new HttpProblem(409, code, detail, errors);
export const unprocessable = (code: string, detail: string, errors: readonly ProblemItem[] = []): HttpProblem =>
  new HttpProblem(422, code, detail, errors);

export function problem(status: number, code: string, detail: string, errors?: readonly ProblemItem[]): Problem {
  return { type: typeOf(code), title: titleOf(status), status, code, detail, ...(errors && errors.length > 0 ? { errors } : {}) };
}
