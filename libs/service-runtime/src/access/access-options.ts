import { readFileSync } from 'node:fs';
import type { HttpEdgeEnvironment } from './http-edge.environment';

/** Where the keys that sign bearer tokens come from. */
export type TokenKeys =
  | { readonly kind: 'shared-secret'; readonly secret: string }
  | { readonly kind: 'jwks'; readonly url: string };

/** How bearer tokens are verified and read. */
export interface AccessOptions {
  readonly keys: TokenKeys;
  readonly issuer?: string;
  readonly audience?: string;
  readonly clockSkewSeconds: number;
  readonly usernameClaim: string;
  readonly rolesClaim: string;
  readonly adminRole: string;
}

/** HS256 keys shorter than this are guessable; RFC 7518 asks for at least the hash's size. */
const MIN_SECRET_LENGTH = 32;

function sharedSecret(environment: HttpEdgeEnvironment): string | undefined {
  if (environment.AUTH_JWT_SECRET !== undefined) return environment.AUTH_JWT_SECRET;
  if (environment.AUTH_JWT_SECRET_FILE === undefined) return undefined;
  let secret: string;
  try {
    secret = readFileSync(environment.AUTH_JWT_SECRET_FILE, 'utf8').trim();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new Error(`Invalid configuration:\n  AUTH_JWT_SECRET_FILE: cannot be read (${code})`);
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(
      `Invalid configuration:\n  AUTH_JWT_SECRET_FILE: holds fewer than ${MIN_SECRET_LENGTH} characters`,
    );
  }
  return secret;
}

/**
 * The access settings of a validated environment. Exactly one source of keys: a shared secret
 * (the local default) or an identity provider's JWKS, which needs the issuer and audience its
 * tokens must name, so that a token it issued for another application is refused here.
 */
export function accessOptionsFrom(environment: HttpEdgeEnvironment): AccessOptions {
  if (environment.AUTH_JWT_SECRET !== undefined && environment.AUTH_JWT_SECRET_FILE !== undefined) {
    throw new Error(
      'Invalid configuration:\n  AUTH_JWT_SECRET, AUTH_JWT_SECRET_FILE: set one, not both',
    );
  }
  const secret = sharedSecret(environment);
  const jwksUrl = environment.AUTH_JWKS_URL;
  if ((secret === undefined) === (jwksUrl === undefined)) {
    throw new Error(
      'Invalid configuration:\n  AUTH_JWT_SECRET (or AUTH_JWT_SECRET_FILE), AUTH_JWKS_URL: ' +
        'set exactly one (`npm start` uses the local stack’s secret)',
    );
  }
  const keys: TokenKeys =
    secret !== undefined ? { kind: 'shared-secret', secret } : { kind: 'jwks', url: `${jwksUrl}` };
  if (keys.kind === 'jwks' && (!environment.AUTH_ISSUER || !environment.AUTH_AUDIENCE)) {
    throw new Error(
      'Invalid configuration:\n  AUTH_ISSUER, AUTH_AUDIENCE: required with AUTH_JWKS_URL',
    );
  }
  return {
    keys,
    issuer: environment.AUTH_ISSUER,
    audience: environment.AUTH_AUDIENCE,
    clockSkewSeconds: environment.AUTH_CLOCK_SKEW_SECONDS,
    usernameClaim: environment.AUTH_USERNAME_CLAIM,
    rolesClaim: environment.AUTH_ROLES_CLAIM,
    adminRole: environment.AUTH_ADMIN_ROLE,
  };
}
