import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateEnvironment } from '../environment';
import { accessOptionsFrom } from './access-options';
import { HttpEdgeEnvironment } from './http-edge.environment';

const SECRET = 's'.repeat(32);
const optionsOf = (variables: Record<string, string>) =>
  accessOptionsFrom(validateEnvironment(HttpEdgeEnvironment)(variables));

describe('accessOptionsFrom', () => {
  it('verifies with the shared secret when it is given', () => {
    expect(optionsOf({ AUTH_JWT_SECRET: SECRET })).toMatchObject({
      keys: { kind: 'shared-secret', secret: SECRET },
      clockSkewSeconds: 30,
      usernameClaim: 'sub',
      rolesClaim: 'roles',
      adminRole: 'admin',
    });
  });

  it('reads the shared secret from a file, as Docker and Kubernetes secrets are given', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'secret-')), 'jwt-secret');
    writeFileSync(file, `${SECRET}\n`);

    expect(optionsOf({ AUTH_JWT_SECRET_FILE: file }).keys).toEqual({
      kind: 'shared-secret',
      secret: SECRET,
    });
  });

  it('verifies with an identity provider’s keys, for its issuer and audience', () => {
    const options = optionsOf({
      AUTH_JWKS_URL: 'https://id.example/realms/posts/protocol/openid-connect/certs',
      AUTH_ISSUER: 'https://id.example/realms/posts',
      AUTH_AUDIENCE: 'social-posts',
    });

    expect(options).toMatchObject({
      keys: { kind: 'jwks', url: 'https://id.example/realms/posts/protocol/openid-connect/certs' },
      issuer: 'https://id.example/realms/posts',
      audience: 'social-posts',
    });
  });

  it.each([
    ['no source of keys', {}, /set exactly one/],
    [
      'both a secret and a JWKS',
      { AUTH_JWT_SECRET: SECRET, AUTH_JWKS_URL: 'https://id.example/jwks' },
      /set exactly one/,
    ],
    [
      'a JWKS without issuer and audience',
      { AUTH_JWKS_URL: 'https://id.example/jwks' },
      /AUTH_ISSUER, AUTH_AUDIENCE: required/,
    ],
    [
      'a secret file that cannot be read',
      { AUTH_JWT_SECRET_FILE: '/nonexistent/jwt-secret' },
      /AUTH_JWT_SECRET_FILE: cannot be read \(ENOENT\)/,
    ],
  ])('stops start-up on %s, naming the variables', (_, variables, message) => {
    expect(() => optionsOf(variables)).toThrow(message);
  });

  it('refuses a short secret without printing it', () => {
    const attempt = () => optionsOf({ AUTH_JWT_SECRET: 'hunter2' });

    expect(attempt).toThrow(/AUTH_JWT_SECRET=\(value hidden\): must be at least 32 characters/);
    expect(attempt).not.toThrow(/hunter2/);
  });
});
