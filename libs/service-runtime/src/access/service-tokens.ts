import { sign } from 'jsonwebtoken';
import type { AccessOptions } from './access-options';

/** Minutes, not hours: a service signs a fresh one for each call it makes. */
const SERVICE_TOKEN_LIFETIME_SECONDS = 5 * 60;

/**
 * A bearer token with which one service calls the other's admin routes, acting as `service`
 * (its name is the token's subject, so the other's logs say who called): signed with the
 * shared secret both verify tokens with. Undefined with an identity provider, which signs with
 * keys the services never hold: the caller then needs a token from it (the service's own
 * setting says where to read one).
 */
export function signServiceToken(options: AccessOptions, service: string): string | undefined {
  if (options.keys.kind !== 'shared-secret') return undefined;
  const claims = { sub: service };
  placeClaim(claims, options.usernameClaim, service);
  placeClaim(claims, options.rolesClaim, [options.adminRole]);
  return sign(claims, options.keys.secret, {
    algorithm: 'HS256',
    expiresIn: SERVICE_TOKEN_LIFETIME_SECONDS,
    ...(options.issuer === undefined ? {} : { issuer: options.issuer }),
    ...(options.audience === undefined ? {} : { audience: options.audience }),
  });
}

/** Sets a claim where the services read it: a name, or a dotted path (`realm_access.roles`). */
function placeClaim(claims: Record<string, unknown>, path: string, value: unknown): void {
  const names = path.split('.');
  let node = claims;
  for (const name of names.slice(0, -1)) {
    const child = node[name];
    node[name] = typeof child === 'object' && child !== null ? child : {};
    node = node[name] as Record<string, unknown>;
  }
  node[names.at(-1)!] = value;
}
