import { ForbiddenException, Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { JsonWebTokenError } from 'jsonwebtoken';
import { ACCESS_LEVEL, type AccessLevel, type RequestWithActor } from './access.decorators';
import { IdentityProviderUnavailable, Unauthenticated } from './access.exceptions';
import { UnusableClaims, type Actor } from './actor';
import { BEARER_TOKEN_STRATEGY } from './bearer-token.strategy';

/** passport-jwt's failure when the request carries no bearer token. */
const NO_TOKEN = 'No auth token';

/**
 * Every route's access check (a global guard): routes need a valid bearer token unless marked
 * otherwise (access.decorators.ts). The verified actor is left on the request for the route.
 */
@Injectable()
export class AccessGuard extends AuthGuard(BEARER_TOKEN_STRATEGY) {
  constructor(private readonly reflector: Reflector) {
    super({ property: 'actor', session: false });
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const level =
      this.reflector.getAllAndOverride<AccessLevel | undefined>(ACCESS_LEVEL, [
        context.getHandler(),
        context.getClass(),
      ]) ?? 'user';
    if (level === 'public') return true;
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    if (level === 'viewer' && request.headers.authorization === undefined) return true;

    await super.canActivate(context);
    if (level === 'admin' && !request.actor?.admin) {
      throw new ForbiddenException('This route needs a token with the admin role.');
    }
    return true;
  }

  /** How passport's outcome is answered: an actor, a 401 that says why, or a 503. */
  override handleRequest<TActor = Actor>(
    error: unknown,
    actor: TActor | false,
    info: unknown,
  ): TActor {
    if (error instanceof UnusableClaims) throw new Unauthenticated(error.message, true);
    if (error instanceof Error) throw error;
    if (actor) return actor;
    if (info instanceof Error && info.message === NO_TOKEN) {
      throw new Unauthenticated(
        'This route needs a bearer token (Authorization: Bearer <JWT>).',
        false,
      );
    }
    if (info instanceof JsonWebTokenError) {
      throw new Unauthenticated(`The bearer token is not accepted: ${info.message}.`, true);
    }
    // What else fails is fetching the provider's keys, before the token could be judged.
    throw new IdentityProviderUnavailable();
  }
}
