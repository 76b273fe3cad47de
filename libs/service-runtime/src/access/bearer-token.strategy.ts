import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { passportJwtSecret } from 'jwks-rsa';
import { ExtractJwt, Strategy, type StrategyOptionsWithoutRequest } from 'passport-jwt';
import type { Algorithm } from 'jsonwebtoken';
import type { AccessOptions } from './access-options';
import { actorFromClaims, type Actor, type Claims } from './actor';

export const ACCESS_OPTIONS = Symbol('AccessOptions');
export const BEARER_TOKEN_STRATEGY = 'bearer-token';

/** What an identity provider signs with; never `none`, never a shared secret from a JWKS. */
const ASYMMETRIC: Algorithm[] = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
];

function strategyOptions(options: AccessOptions): StrategyOptionsWithoutRequest {
  const checks = {
    jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
    issuer: options.issuer,
    audience: options.audience,
    ignoreExpiration: false,
    jsonWebTokenOptions: { clockTolerance: options.clockSkewSeconds },
  };
  return options.keys.kind === 'shared-secret'
    ? {
        ...checks,
        // A KeyObject made once: handed a string or a Buffer, jsonwebtoken tries to parse it as a
        // public key on every request (crypto.createPublicKey was 6.5% of post-cmd's CPU per
        // command). jsonwebtoken 9 takes a KeyObject; @types/passport-jwt predates that.
        secretOrKey: createSecretKey(Buffer.from(options.keys.secret, 'utf8')) as unknown as Buffer,
        algorithms: ['HS256'],
      }
    : {
        ...checks,
        algorithms: ASYMMETRIC,
        // Keys are cached and refetched at most ten times a minute, on an unknown `kid` (rotation).
        secretOrKeyProvider: passportJwtSecret({
          jwksUri: options.keys.url,
          cache: true,
          rateLimit: true,
          jwksRequestsPerMinute: 10,
          timeout: 5_000,
        }),
      };
}

/**
 * Verifies `Authorization: Bearer <JWT>` with passport-jwt: signature (HS256 with the shared
 * secret, or the identity provider's published keys), `exp` and `nbf` within the clock skew,
 * issuer and audience when configured. The claims then name the actor.
 */
@Injectable()
export class BearerTokenStrategy extends PassportStrategy(Strategy, BEARER_TOKEN_STRATEGY) {
  constructor(@Inject(ACCESS_OPTIONS) private readonly options: AccessOptions) {
    super(strategyOptions(options));
  }

  validate(claims: Claims): Actor {
    return actorFromClaims(claims, this.options);
  }
}
