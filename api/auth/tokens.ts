/**
 * Bearer tokens. motcua's own: HS256 JWTs (jose) signed with JWT_SECRET, issuer `motcua`, audience
 * `motcua-api`, `sub` = user id, `username`, a lifetime of `ttlSeconds`. External: tokens of an OpenID
 * Connect issuer, checked against its JWKS (createRemoteJWKSet), issuer and audience, the user
 * named by a configurable claim. The unverified `iss` only picks which check applies; each check
 * allows its own algorithms only, so `alg: none` or an HS256 token claiming the external issuer fail.
 */
import { randomUUID } from 'node:crypto';
import { createSecretKey, type KeyObject } from 'node:crypto';
import { SignJWT, createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload } from 'jose';
import type { Clock } from '../../engine/index.js';

export interface OidcOptions {
  readonly jwksUrl: string;
  readonly issuer: string;
  readonly audience: string;
  /** The claim carrying the motcua user name (default `preferred_username`). */
  readonly usernameClaim?: string;
}

export interface TokenOptions {
  /** At least 32 bytes of secret. */
  readonly secret: string;
  readonly ttlSeconds?: number;
  readonly oidc?: OidcOptions;
}

export const LOCAL_ISSUER = 'motcua';
export const LOCAL_AUDIENCE = 'motcua-api';
const OIDC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** Who a verified token speaks for: a local user by id, or an external user by name. */
export type TokenSubject =
  | { readonly source: 'local'; readonly userId: string; readonly issuedAt: Date }
  | { readonly source: 'oidc'; readonly username: string; readonly issuedAt: Date };

export class TokenService {
  /** A KeyObject made once: jose would import a raw secret again for every token. */
  private readonly key: KeyObject;
  private readonly ttlSeconds: number;
  private readonly jwks: ReturnType<typeof createRemoteJWKSet> | undefined;

  constructor(
    private readonly options: TokenOptions,
    private readonly clock: Clock,
  ) {
    if (Buffer.byteLength(options.secret, 'utf8') < 32) throw new Error('JWT secret must be at least 32 bytes long');
    this.key = createSecretKey(Buffer.from(options.secret, 'utf8'));
    this.ttlSeconds = options.ttlSeconds ?? 8 * 3600;
    this.jwks = options.oidc ? createRemoteJWKSet(new URL(options.oidc.jwksUrl), { timeoutDuration: 5000 }) : undefined;
  }

  async issue(user: { id: string; username: string }): Promise<{ token: string; expiresAt: string }> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const exp = now + this.ttlSeconds;
    const token = await new SignJWT({ username: user.username })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setSubject(user.id)
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .setJti(randomUUID())
      .sign(this.key);
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /**
   * Tokens whose signature and claims were checked, until they expire: a signature check costs
   * about a millisecond of CPU and every request carries a token. Only a valid token is kept, and
   * only until its own `exp`, which is checked again on every use; whether its user may still act
   * (disabled, password reset) is checked on every request against the caller, which is read from
   * the database or kept only until it changes (caller-cache.ts). Bounded: the
   * oldest entry goes when it is full.
   */
  private readonly verified = new Map<string, { subject: TokenSubject; expiresAt: number }>();
  private static readonly VERIFIED_MAX = 10_000;

  /** Verifies a bearer token; undefined when it is not valid for any reason (the caller answers 401). */
  async verify(token: string): Promise<TokenSubject | undefined> {
    const known = this.verified.get(token);
    if (known) {
      if (known.expiresAt > this.clock.now().getTime()) return known.subject;
      this.verified.delete(token);
    }
    const checked = await this.check(token);
    if (checked) {
      if (this.verified.size >= TokenService.VERIFIED_MAX) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, checked);
    }
    return checked?.subject;
  }

  private async check(token: string): Promise<{ subject: TokenSubject; expiresAt: number } | undefined> {
    let issuer: string | undefined;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      return undefined;
    }
    const currentDate = this.clock.now();
    try {
      if (issuer === LOCAL_ISSUER) {
        const { payload } = await jwtVerify(token, this.key, {
          algorithms: ['HS256'],
          issuer: LOCAL_ISSUER,
          audience: LOCAL_AUDIENCE,
          currentDate,
          requiredClaims: ['sub', 'exp', 'iat'],
        });
        return { subject: { source: 'local', userId: payload.sub!, issuedAt: issuedAt(payload) }, expiresAt: payload.exp! * 1000 };
      }
      const oidc = this.options.oidc;
      if (oidc && this.jwks && issuer === oidc.issuer) {
        const { payload } = await jwtVerify(token, this.jwks, {
          algorithms: OIDC_ALGORITHMS,
          issuer: oidc.issuer,
          audience: oidc.audience,
          currentDate,
          clockTolerance: 30,
          requiredClaims: ['exp'],
        });
        const username = payload[oidc.usernameClaim ?? 'preferred_username'];
        if (typeof username !== 'string' || username === '') return undefined;
        // With the 30 s tolerance above, a cached OIDC token is refused from its exp on, not 30 s later.
        return { subject: { source: 'oidc', username, issuedAt: issuedAt(payload) }, expiresAt: payload.exp! * 1000 };
      }
    } catch {
      return undefined;
    }
    return undefined;
  }
}

const issuedAt = (payload: JWTPayload): Date => new Date((payload.iat ?? 0) * 1000);
