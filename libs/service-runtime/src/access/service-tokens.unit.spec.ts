import { verify, type JwtPayload } from 'jsonwebtoken';
import type { AccessOptions } from './access-options';
import { actorFromClaims } from './actor';
import { signServiceToken } from './service-tokens';

const SECRET = 'a shared secret of at least thirty-two characters';

const options = (overrides: Partial<AccessOptions> = {}): AccessOptions => ({
  keys: { kind: 'shared-secret', secret: SECRET },
  clockSkewSeconds: 30,
  usernameClaim: 'sub',
  rolesClaim: 'roles',
  adminRole: 'admin',
  ...overrides,
});

const claimsOf = (token: string | undefined) => verify(token!, SECRET) as JwtPayload;

describe('service tokens (one service calling the other’s admin routes)', () => {
  it('act as the service, as an admin, for minutes', () => {
    const claims = claimsOf(signServiceToken(options(), 'post-query'));

    expect(actorFromClaims(claims, options())).toEqual({ username: 'post-query', admin: true });
    expect(claims.exp! - claims.iat!).toBe(300);
  });

  it('put the user and the roles where the services are told to read them', () => {
    const keycloak = options({
      usernameClaim: 'preferred_username',
      rolesClaim: 'realm_access.roles',
      adminRole: 'operator',
      issuer: 'https://id.example',
      audience: 'social-posts',
    });
    const claims = claimsOf(signServiceToken(keycloak, 'post-query'));

    expect(actorFromClaims(claims, keycloak)).toEqual({ username: 'post-query', admin: true });
    expect(claims).toMatchObject({ iss: 'https://id.example', aud: 'social-posts' });
  });

  it('are not signed with an identity provider’s keys, which the services never hold', () => {
    expect(
      signServiceToken(options({ keys: { kind: 'jwks', url: 'https://id.example/jwks' } }), 'x'),
    ).toBeUndefined();
  });
});
