/**
 * The route contract: one object per endpoint declaring its method, path, request schemas, the
 * permission it needs, its documentation and its handler, in one place. The registry (registry.ts)
 * mounts routes on Express and the OpenAPI document (openapi.ts) is generated from the same objects.
 *
 * Order of checks for every route: authentication (401) → the declared permission on the subject
 * type, i.e. "could this caller do `action` on some `subject`" (403) → content type and body (400,
 * 413, 415) → schemas (400) → handler. Record-level checks (this unit, this user) are the handler's:
 * a record the caller may not read is a 404, one they may read but not change a 403.
 */
import type { Request, Response } from 'express';
import type { Action, SubjectName } from '../auth/catalogue.js';
import type { AppAbility } from '../auth/ability.js';
import type { Principal } from '../auth/principal.js';
import type { AuditEntryInput } from '../store/audit.js';
import type { Sql } from '../store/sql.js';
import type { StoreVersions } from '../store/caller.js';
import type { JsonSchema } from './validation.js';
import type { ApiServices } from './services.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteContext<P, Q, B> {
  /** Validated (and coerced) path parameters, query and body. */
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly principal: Principal;
  /** The caller's CASL ability, built for this request from their roles' current rules. */
  readonly ability: AppAbility;
  /** Versions of the data kept in memory (services.unitTree, services.latestForms), read with the caller. */
  readonly versions: StoreVersions;
  readonly services: ApiServices;
  readonly requestId: string;
  readonly request: Request;
  readonly response: Response;
  /** Appends an audit entry with the caller and request id filled in (pass the transaction's Sql). */
  audit(sql: Sql, entry: Omit<AuditEntryInput, 'actor' | 'actorKind' | 'requestId'>): Promise<void>;
}

export interface RouteSpec<P = Record<string, string>, Q = Record<string, unknown>, B = undefined> {
  readonly method: HttpMethod;
  /** OpenAPI-style path: `/api/units/{id}`. */
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  /** No authentication (login, docs). Default false. */
  readonly public?: boolean;
  /** What the caller needs on the subject type; null: any authenticated caller. */
  readonly permission: { readonly action: Action; readonly subject: SubjectName } | null;
  readonly params?: JsonSchema;
  readonly query?: JsonSchema;
  /** JSON body schema; a route without one refuses a body. */
  readonly body?: JsonSchema;
  /**
   * The handler reads the request body itself (multipart uploads, XML): the registry leaves the
   * stream alone. Maps each accepted content type to a schema for the OpenAPI document.
   */
  readonly rawBody?: Readonly<Record<string, JsonSchema>>;
  /** Success status: 200 by default; a handler that returns undefined answers 204. */
  readonly status?: number;
  /** The success response's schema, for the OpenAPI document only. */
  readonly response?: JsonSchema;
  /** Problem statuses worth documenting besides the ones every route has. */
  readonly problems?: readonly number[];
  handler(context: RouteContext<P, Q, B>): Promise<unknown>;
}

/** A route of any parameter types, as the registry holds it. */
export type Route = RouteSpec<never, never, never>;

/** Declares a route; the type parameters describe what the schemas let through. */
export function defineRoute<P = Record<string, string>, Q = Record<string, never>, B = undefined>(spec: RouteSpec<P, Q, B>): Route {
  return spec as unknown as Route;
}
