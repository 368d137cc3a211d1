/**
 * The API's settings from the environment (documented in the README):
 * PORT, LOG_LEVEL, JWT_SECRET, JWT_TTL_SECONDS, OIDC_JWKS_URL, OIDC_ISSUER, OIDC_AUDIENCE,
 * OIDC_USERNAME_CLAIM, SCRYPT_COST, BODY_LIMIT, TRUST_PROXY, SEED_DEMO, SHUTDOWN_TIMEOUT_MS.
 */
import type { ApiOptions } from './app.js';

function numberFrom(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new Error(`${name} must be a number, got '${value}'`);
  return parsed;
}

export function apiOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ApiOptions {
  const oidcSet = env.OIDC_JWKS_URL || env.OIDC_ISSUER || env.OIDC_AUDIENCE;
  if (oidcSet && !(env.OIDC_JWKS_URL && env.OIDC_ISSUER && env.OIDC_AUDIENCE)) {
    throw new Error('OpenID Connect needs all of OIDC_JWKS_URL, OIDC_ISSUER and OIDC_AUDIENCE');
  }
  return {
    ...(env.JWT_SECRET ? { jwtSecret: env.JWT_SECRET } : {}),
    ...(env.JWT_TTL_SECONDS ? { tokenTtlSeconds: numberFrom(env.JWT_TTL_SECONDS, 'JWT_TTL_SECONDS') } : {}),
    ...(oidcSet
      ? {
          oidc: {
            jwksUrl: env.OIDC_JWKS_URL!,
            issuer: env.OIDC_ISSUER!,
            audience: env.OIDC_AUDIENCE!,
            ...(env.OIDC_USERNAME_CLAIM ? { usernameClaim: env.OIDC_USERNAME_CLAIM } : {}),
          },
        }
      : {}),
    ...(env.SCRYPT_COST ? { scryptCost: numberFrom(env.SCRYPT_COST, 'SCRYPT_COST') } : {}),
    ...(env.BODY_LIMIT ? { bodyLimit: env.BODY_LIMIT } : {}),
    ...(env.TRUST_PROXY ? { trustProxy: env.TRUST_PROXY } : {}),
    seedDemo: env.SEED_DEMO !== 'false',
    production: env.NODE_ENV === 'production',
  };
}
