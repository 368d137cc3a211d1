/**
 * Authentication: POST /api/auth/login exchanges a user name and password for a token (rate
 * limited per user name and client address); GET /api/me says who the caller is and what they may do.
 */
import { defineRoute } from '../http/route.js';
import { HttpProblem, unauthorized } from '../errors/problem.js';
import { dummyHash, verifyPassword } from '../auth/passwords.js';
import { credentialsByUsername, findUser } from '../store/users.js';
import { text } from './common.js';

let dummy: Promise<string> | undefined;

const login = defineRoute<Record<string, never>, Record<string, never>, { username: string; password: string }>({
  method: 'post',
  path: '/api/auth/login',
  summary: 'Log in with a user name and password; returns a bearer token',
  tags: ['auth'],
  public: true,
  permission: null,
  body: {
    type: 'object',
    required: ['username', 'password'],
    additionalProperties: false,
    properties: { username: text(128), password: { type: 'string', minLength: 1, maxLength: 1024 } },
  },
  response: {
    type: 'object',
    properties: { token: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' }, user: { type: 'object' } },
  },
  problems: [429],
  async handler({ body, request, services }) {
    const key = `${body.username.toLowerCase()}|${request.ip ?? ''}`;
    const wait = services.loginLimiter.retryAfterSeconds(key);
    if (wait > 0) {
      throw new HttpProblem(429, 'too-many-attempts', 'Too many failed logins; wait before trying again', [], { 'Retry-After': String(wait) });
    }
    const credentials = await credentialsByUsername(services.sql, body.username);
    const hash = credentials?.passwordHash ?? (await (dummy ??= dummyHash(services.scryptCost)));
    const matches = await verifyPassword(body.password, hash);
    if (!credentials || !matches || credentials.disabled) {
      services.loginLimiter.fail(key);
      throw unauthorized('The user name or password is wrong', 'invalid-credentials');
    }
    services.loginLimiter.succeed(key);
    const { token, expiresAt } = await services.tokens.issue(credentials);
    return { token, expiresAt, user: await findUser(services.sql, credentials.id) };
  },
});

const me = defineRoute({
  method: 'get',
  path: '/api/me',
  summary: 'Who the caller is: user, role assignments and the permission rules in force',
  tags: ['auth'],
  permission: null,
  async handler({ principal, ability, services }) {
    const user = principal.kind === 'user' ? await findUser(services.sql, principal.id) : undefined;
    return {
      kind: principal.kind,
      id: principal.id,
      username: principal.username,
      ...(user ? { user } : {}),
      roles: principal.grants.map((g) => ({ roleCode: g.roleCode, unitId: g.unitId })),
      rules: ability.rules,
    };
  },
});

export default [login, me];
