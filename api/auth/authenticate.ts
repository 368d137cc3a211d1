/**
 * Who is calling, from the request's credentials: `Authorization: Bearer <jwt>` (motcua's own or
 * the configured OpenID Connect issuer's), `Authorization: ApiKey <key>` or `X-API-Key: <key>`.
 * The user (or key) and their role assignments come from the caller cache (caller-cache.ts), which
 * on PostgreSQL keeps them until any of that data changes and on SQLite reads them on every
 * request, so disabling a user, revoking a key, resetting a password or editing a role counts from
 * the next request; the ability built from them is reused only while they are unchanged
 * (ability-cache.ts). The token itself (signature, expiry) is checked on every request.
 * Anything wrong is the same 401, so a caller learns nothing about why.
 */
import type { Request } from 'express';
import { unauthorized } from '../errors/problem.js';
import type { AppAbility, Grant } from './ability.js';
import type { Principal } from './principal.js';
import { hashApiKey } from './api-key-secret.js';
import { apiKeyByHash } from '../store/api-keys.js';
import { callerById, callerByUsername, UNVERSIONED, type Caller, type StoreVersions } from '../store/caller.js';
import type { ApiServices } from '../http/services.js';

export interface Authenticated {
  readonly principal: Principal;
  readonly ability: AppAbility;
  /** Versions of the data servers keep in memory, as read with the caller. */
  readonly versions: StoreVersions;
}

const MAX_CREDENTIAL_LENGTH = 8192;

function credentialsOf(request: Request): { scheme: 'bearer' | 'apikey'; value: string } | undefined {
  const header = request.headers.authorization;
  if (typeof header === 'string' && header.length > 0) {
    const match = /^(Bearer|ApiKey)[ ]+([^\s]+)$/i.exec(header);
    if (!match || match[2]!.length > MAX_CREDENTIAL_LENGTH) throw unauthorized('The Authorization header is not understood');
    return { scheme: match[1]!.toLowerCase() === 'bearer' ? 'bearer' : 'apikey', value: match[2]! };
  }
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey.length > 0) {
    if (apiKey.length > MAX_CREDENTIAL_LENGTH) throw unauthorized('The API key is not valid');
    return { scheme: 'apikey', value: apiKey.trim() };
  }
  return undefined;
}

function principalOfUser(caller: Caller | undefined, issuedAt: Date): Principal {
  const user = caller?.credentials;
  if (!caller || !user || user.disabled) throw unauthorized('The token is not valid');
  // Tokens carry whole seconds: a token from the second of a password reset or later is accepted.
  if (issuedAt.getTime() < Math.floor(user.tokensValidAfter.getTime() / 1000) * 1000) throw unauthorized('The token is not valid');
  return { kind: 'user', id: user.id, username: user.username, grants: caller.grants };
}

export async function authenticate(request: Request, services: ApiServices): Promise<Authenticated> {
  const credentials = credentialsOf(request);
  if (!credentials) throw unauthorized();
  let principal: Principal;
  let versions = UNVERSIONED;
  if (credentials.scheme === 'bearer') {
    const subject = await services.tokens.verify(credentials.value);
    if (!subject) throw unauthorized('The token is not valid');
    const caller =
      subject.source === 'local'
        ? await services.callers.get(`user:${subject.userId}`, () => callerById(services.sql, subject.userId))
        : await services.callers.get(`user-name:${subject.username}`, () => callerByUsername(services.sql, subject.username));
    principal = principalOfUser(caller, subject.issuedAt);
    versions = caller!.versions;
  } else {
    const hash = hashApiKey(credentials.value);
    const found = await services.callers.get(`key:${hash}`, () => apiKeyByHash(services.sql, hash));
    if (!found) throw unauthorized('The API key is not valid');
    principal = { kind: 'api-key', id: found.key.id, username: `apikey:${found.key.id}`, grants: found.grants };
    versions = found.versions;
  }
  const grants: readonly Grant[] = principal.grants;
  const ability = await services.abilities.get(`${principal.kind}:${principal.id}`, versions.unitTree, {
    userId: principal.id,
    username: principal.username,
    grants,
    unitLinks: () => services.unitTree.get(services.sql, versions.unitTree),
  });
  return { principal, ability, versions };
}
