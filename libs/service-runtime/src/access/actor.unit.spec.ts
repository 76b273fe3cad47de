import { MAX_USERNAME_LENGTH } from '@social-posts/post-events';
import { actorFromClaims, isAuthorOrAdmin, UnusableClaims, type ClaimNames } from './actor';

const names: ClaimNames = { usernameClaim: 'sub', rolesClaim: 'roles', adminRole: 'admin' };
const inAnHour = Math.floor(Date.now() / 1000) + 3600;

describe('actorFromClaims', () => {
  it('names the subject as the actor, without the admin role by default', () => {
    expect(actorFromClaims({ sub: 'ada', exp: inAnHour }, names)).toEqual({
      username: 'ada',
      admin: false,
    });
  });

  it('makes an admin of a token whose roles include the admin role', () => {
    const claims = { sub: 'root', exp: inAnHour, roles: ['reader', 'admin'] };

    expect(actorFromClaims(claims, names).admin).toBe(true);
  });

  it('reads roles at a dotted path, as an array or as a space-separated scope', () => {
    const keycloak = { ...names, rolesClaim: 'realm_access.roles' };
    const auth0 = { ...names, rolesClaim: 'scope', adminRole: 'posts:admin' };

    expect(
      actorFromClaims({ sub: 'a', exp: inAnHour, realm_access: { roles: ['admin'] } }, keycloak)
        .admin,
    ).toBe(true);
    expect(
      actorFromClaims({ sub: 'a', exp: inAnHour, scope: 'openid posts:admin' }, auth0).admin,
    ).toBe(true);
    expect(actorFromClaims({ sub: 'a', exp: inAnHour, scope: 'openid' }, auth0).admin).toBe(false);
  });

  it('takes the user name from the configured claim', () => {
    const claims = { sub: '0c9a…', preferred_username: 'grace', exp: inAnHour };

    expect(
      actorFromClaims(claims, { ...names, usernameClaim: 'preferred_username' }).username,
    ).toBe('grace');
  });

  it('counts the user name in characters, as the event contract does', () => {
    const sub = '😀'.repeat(MAX_USERNAME_LENGTH);
    expect(actorFromClaims({ sub, exp: inAnHour }, names).username).toBe(sub);
  });

  it('refuses a token without an expiry', () => {
    expect(() => actorFromClaims({ sub: 'ada' }, names)).toThrow(UnusableClaims);
  });

  it.each([
    ['missing', {}],
    ['not a string', { sub: 42 }],
    ['empty', { sub: '' }],
    ['padded', { sub: ' ada' }],
    ['with a control character', { sub: 'ada\u0000' }],
    ['longer than the event contract allows', { sub: 'a'.repeat(MAX_USERNAME_LENGTH + 1) }],
  ])('refuses a user name that is %s', (_, claims) => {
    expect(() => actorFromClaims({ ...claims, exp: inAnHour }, names)).toThrow(UnusableClaims);
  });
});

describe('isAuthorOrAdmin', () => {
  it('is the author, or anyone with the admin role; never someone who did not say who they are', () => {
    expect(isAuthorOrAdmin({ username: 'ada', admin: false }, 'ada')).toBe(true);
    expect(isAuthorOrAdmin({ username: 'root', admin: true }, 'ada')).toBe(true);
    expect(isAuthorOrAdmin({ username: 'grace', admin: false }, 'ada')).toBe(false);
    expect(isAuthorOrAdmin(undefined, 'ada')).toBe(false);
  });
});
