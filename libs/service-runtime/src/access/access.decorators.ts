import {
  applyDecorators,
  createParamDecorator,
  SetMetadata,
  type ExecutionContext,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiSecurity,
  ApiServiceUnavailableResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import type { Actor } from './actor';

/**
 * Who may call a route. Routes are `user` unless marked: a valid bearer token is needed.
 * `public` routes ignore any token; `viewer` routes verify one if sent (the answer may depend
 * on who asks); `admin` routes need a token with the admin role.
 */
export type AccessLevel = 'public' | 'viewer' | 'user' | 'admin';

export const ACCESS_LEVEL = 'social-posts:access-level';

/** The name of the security scheme in the OpenAPI documents. */
export const BEARER_SCHEME = 'bearer';

/** The request as the access guard leaves it. */
export interface RequestWithActor extends Request {
  actor?: Actor;
}

const verified = () =>
  applyDecorators(
    ApiUnauthorizedResponse({
      description:
        'No bearer token, or one that is malformed, expired, wrongly signed or for another ' +
        'issuer or audience (`WWW-Authenticate: Bearer`).',
    }),
    ApiServiceUnavailableResponse({
      description:
        'A dependency is unavailable: with AUTH_JWKS_URL, the identity provider’s keys could ' +
        'not be fetched.',
    }),
  );

/** Anyone may call it; a token, if sent, is not even read. */
export const Public = () => applyDecorators(SetMetadata(ACCESS_LEVEL, 'public'), ApiSecurity({}));

/** Anyone may call it; a token, if sent, must be valid, and identifies the caller. */
export const OptionallyAuthenticated = () =>
  applyDecorators(
    SetMetadata(ACCESS_LEVEL, 'viewer'),
    ApiSecurity({}),
    ApiBearerAuth(BEARER_SCHEME),
    verified(),
  );

/** A command: the token's user acts. */
export const Authenticated = () =>
  applyDecorators(SetMetadata(ACCESS_LEVEL, 'user'), ApiBearerAuth(BEARER_SCHEME), verified());

/** Administration: the token must carry the admin role (`AUTH_ADMIN_ROLE` in `AUTH_ROLES_CLAIM`). */
export const AdminOnly = () =>
  applyDecorators(
    SetMetadata(ACCESS_LEVEL, 'admin'),
    ApiBearerAuth(BEARER_SCHEME),
    verified(),
    ApiForbiddenResponse({ description: 'The token has no admin role.' }),
  );

const actorOf = (context: ExecutionContext): Actor | undefined =>
  context.switchToHttp().getRequest<RequestWithActor>().actor;

/** The acting user of an `Authenticated` or `AdminOnly` route. */
export const ActingUser = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = actorOf(context);
  // The guard ran before: a route without an actor here is a route marked wrongly.
  if (actor === undefined) throw new Error('ActingUser on a route that is not Authenticated');
  return actor;
});

/** Who is asking on an `OptionallyAuthenticated` route, if anyone said. */
export const Viewer = createParamDecorator(
  (_: unknown, context: ExecutionContext): Actor | undefined => actorOf(context),
);
