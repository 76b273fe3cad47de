import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sign, type SignOptions } from 'jsonwebtoken';
import { expectProblem, request } from './support/http';
import { isolatedEnvironment, type IsolatedEnvironment } from './support/isolated-environment';
import { startServiceProcess, type ServiceProcess } from './support/service-process';

const ISSUER = 'https://id.example/realms/posts';
const AUDIENCE = 'social-posts';

interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

const signingKey = (): SigningKey => ({
  kid: randomUUID(),
  ...generateKeyPairSync('rsa', { modulusLength: 2048 }),
});

/**
 * An identity provider as post-cmd meets one: a JWKS endpoint it fetches keys from, and RS256
 * tokens with an issuer, an audience and Keycloak's claim names (the user in
 * `preferred_username`, roles in `realm_access.roles`). post-cmd runs as a real process
 * configured for it.
 */
describe('tokens from an identity provider (post-cmd with AUTH_JWKS_URL, real servers)', () => {
  let environment: IsolatedEnvironment;
  let postCmd: ServiceProcess;
  let jwks: Server;
  const published = [signingKey()];
  const provider = published[0]!;

  beforeAll(async () => {
    jwks = createServer((_, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({
          keys: published.map(({ kid, publicKey }) => ({
            ...publicKey.export({ format: 'jwk' }),
            kid,
            alg: 'RS256',
            use: 'sig',
          })),
        }),
      );
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    environment = await isolatedEnvironment('identity_provider');
    environment.apply();
    postCmd = await startServiceProcess('post-cmd', {
      env: {
        AUTH_JWT_SECRET: undefined,
        AUTH_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/certs`,
        AUTH_ISSUER: ISSUER,
        AUTH_AUDIENCE: AUDIENCE,
        AUTH_USERNAME_CLAIM: 'preferred_username',
        AUTH_ROLES_CLAIM: 'realm_access.roles',
      },
    });
  });

  afterAll(async () => {
    await postCmd?.stop();
    jwks?.close();
    await environment?.cleanup();
  });

  const tokenOf = (
    claims: Record<string, unknown>,
    key: SigningKey = provider,
    options: SignOptions = {},
  ) =>
    sign({ sub: randomUUID(), preferred_username: 'ada', ...claims }, key.privateKey, {
      algorithm: 'RS256',
      keyid: key.kid,
      issuer: ISSUER,
      audience: AUDIENCE,
      expiresIn: 300,
      ...options,
    });

  const createPost = (token: string) =>
    request<{ postId: string }>(`${postCmd.api}/posts`, {
      method: 'POST',
      body: { message: 'Hello' },
      headers: { authorization: `Bearer ${token}` },
    });

  it('accepts its tokens, with the user its username claim names', async () => {
    const created = await createPost(tokenOf({ preferred_username: 'grace' }));

    expect(created.status).toBe(201);
    const events = await request<{ data: { author: string } }[]>(
      `${postCmd.api}/posts/${created.body.postId}/events`,
    );
    expect(events.body[0]!.data.author).toBe('grace');
  });

  it.each([
    ['another issuer', () => tokenOf({}, provider, { issuer: 'https://elsewhere.example' })],
    ['another audience', () => tokenOf({}, provider, { audience: 'another-app' })],
    ['a key it did not publish', () => tokenOf({}, { ...signingKey(), kid: provider.kid })],
    [
      'HS256 keyed with its public key (algorithm confusion)',
      () =>
        sign(
          { preferred_username: 'ada' },
          provider.publicKey.export({ type: 'spki', format: 'pem' }),
          {
            algorithm: 'HS256',
            keyid: provider.kid,
            issuer: ISSUER,
            audience: AUDIENCE,
            expiresIn: 300,
          },
        ),
    ],
    ['an expiry past the clock skew', () => tokenOf({}, provider, { expiresIn: -120 })],
  ])('refuses a token from %s with a 401', async (_, token) => {
    const response = await createPost(token());

    expectProblem(response, 401);
    expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('reads the admin role where the provider puts it', async () => {
    const republish = (roles: string[]) =>
      request(`${postCmd.api}/admin/republish`, {
        headers: { authorization: `Bearer ${tokenOf({ realm_access: { roles } })}` },
      });

    expect((await republish(['offline_access'])).status).toBe(403);
    expect((await republish(['offline_access', 'admin'])).status).toBe(200);
  });

  it('fetches a key it has not seen (rotation), and answers 503 while the provider is down', async () => {
    const rotated = signingKey();
    published.push(rotated);
    expect((await createPost(tokenOf({}, rotated))).status).toBe(201);

    jwks.close();
    jwks.closeAllConnections();
    const unknown = signingKey();
    const response = await createPost(tokenOf({}, unknown));

    expectProblem(response, 503);
    // Keys already fetched keep working meanwhile.
    expect((await createPost(tokenOf({}, rotated))).status).toBe(201);
  });
});
