/**
 * Calls to the motcua API: JSON in and out, the bearer token from the session, problem+json
 * answers turned into ApiError (status, code, message, and the per-element errors of a 422).
 * A 401 signs the user out and sends them to the sign-in page.
 */
import { signOut, token } from './session.js';

export interface ProblemItem {
  readonly file?: string;
  readonly elementId?: string;
  readonly field?: string;
  readonly code?: string;
  readonly message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: readonly ProblemItem[] = [],
  ) {
    super(message);
  }
}

export interface Page<T> {
  readonly items: T[];
  readonly total: number;
}

async function send(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const bearer = token();
  if (bearer) headers.set('Authorization', `Bearer ${bearer}`);
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers });
  } catch {
    throw new ApiError(0, 'network', 'network');
  }
  if (response.ok) return response;
  const problem = (await response.json().catch(() => ({}))) as { code?: string; detail?: string; title?: string; errors?: ProblemItem[] };
  if (response.status === 401 && bearer) {
    signOut();
    location.hash = '#/login';
  }
  throw new ApiError(response.status, problem.code ?? 'error', problem.detail ?? problem.title ?? response.statusText, problem.errors ?? []);
}

export async function getJson<T>(path: string): Promise<T> {
  return (await (await send(path)).json()) as T;
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const response = await send(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return (await response.json()) as T;
}

export async function postXml<T>(path: string, xml: string): Promise<T> {
  const response = await send(path, { method: 'POST', headers: { 'Content-Type': 'application/xml' }, body: xml });
  return (await response.json()) as T;
}

export async function getText(path: string): Promise<string> {
  return (await send(path)).text();
}
