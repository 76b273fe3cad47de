import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { expectProblem, request, type JsonResponse } from './support/http';
import { Connection } from './support/raw-connection';
import { isolatedEnvironment, type IsolatedEnvironment } from './support/isolated-environment';
import { startServiceProcess, type ServiceProcess } from './support/service-process';

const WINDOW_SECONDS = 3;
const PER_USER = 3;
const PER_ADDRESS = 5;
const ORIGIN = 'https://app.example';
/** Longer than Node's default of 5 s, short enough to watch it expire. */
const KEEP_ALIVE_MS = 8_000;

/**
 * The abuse bounds and the browser rules of the HTTP edge, on post-cmd as a real process
 * configured with small limits and one allowed origin.
 */
describe('the HTTP edge, configured (post-cmd process, real servers)', () => {
  let environment: IsolatedEnvironment;
  let postCmd: ServiceProcess;

  beforeAll(async () => {
    environment = await isolatedEnvironment('http_edge');
    environment.apply();
    postCmd = await startServiceProcess('post-cmd', {
      env: {
        RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS),
        RATE_LIMIT_PER_USER: String(PER_USER),
        RATE_LIMIT_PER_ADDRESS: String(PER_ADDRESS),
        CORS_ORIGINS: `${ORIGIN},http://localhost:5173`,
        HTTP_KEEP_ALIVE_TIMEOUT_MS: String(KEEP_ALIVE_MS),
      },
    });
  });

  afterAll(async () => {
    await postCmd?.stop();
    await environment?.cleanup();
  });

  const createPost = (as: string) =>
    request<{ postId: string }>(`${postCmd.api}/posts`, {
      method: 'POST',
      as,
      body: { message: 'Hello' },
    });

  const expectLimited = (response: JsonResponse<unknown>, who: string) => {
    expectProblem(response, 429);
    expect(response.body).toMatchObject({ detail: expect.stringContaining(who) });
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    return retryAfter;
  };

  it('limits commands per user, then per address, and lets them through again after Retry-After', async () => {
    const ada = [];
    for (let i = 0; i < PER_USER; i++) ada.push((await createPost('ada')).status);
    expect(ada).toEqual(Array(PER_USER).fill(201));

    const adaAgain = await createPost('ada');
    expectLimited(adaAgain, 'this user');
    // Another user from the same address still gets through, up to the address's limit.
    expect((await createPost('grace')).status).toBe(201);
    expect((await createPost('grace')).status).toBe(201);
    const retryAfter = expectLimited(await createPost('linus'), 'this address');
    // Reads are not counted.
    const read = await request(`${postCmd.api}/posts/00000000-0000-4000-8000-000000000000/state`, {
      as: 'ada',
    });
    expect(read.status).toBe(404);

    await delay(retryAfter * 1000);

    expect((await createPost('ada')).status).toBe(201);
  });

  it('answers a preflight from an allowed origin, exposing what a client needs to read', async () => {
    const preflight = await fetch(`${postCmd.api}/posts`, {
      method: 'OPTIONS',
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,if-match',
      },
    });

    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'authorization',
    );
    const read = await fetch(`${postCmd.api}/posts/00000000-0000-4000-8000-000000000000/state`, {
      headers: { origin: ORIGIN },
    });
    expect(read.headers.get('access-control-expose-headers')).toContain('ETag');
  });

  it('gives no CORS header to an origin it was not told of', async () => {
    const response = await fetch(`${postCmd.api}/posts`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });

    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps an idle connection open for HTTP_KEEP_ALIVE_TIMEOUT_MS, past Node’s 5 s, says so, then closes it', async () => {
    const connection = new Connection(postCmd.api);

    expect(await connection.get('/health/live')).toMatch(/\r\nKeep-Alive: timeout=8\r\n/i);
    await delay(6_000);

    // Node's default would have closed it after 5 s idle: a balancer reusing it got a 502.
    expect(connection.open).toBe(true);
    expect(await connection.get('/health/live')).toMatch(/^HTTP\/1\.1 200/);
    const answered = Date.now();
    await connection.closed;
    expect(Date.now() - answered).toBeGreaterThanOrEqual(KEEP_ALIVE_MS - 500);
  });
});

describe('start-up with bad settings', () => {
  /** Starts a service that must refuse to start, and returns what it printed. */
  const failedStart = (service: string, env: Record<string, string | undefined>) => {
    const { AUTH_JWT_SECRET, ...inherited } = process.env;
    const result = spawnSync(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        `apps/${service}/src/main.ts`,
      ],
      {
        cwd: join(__dirname, '..'),
        env: { ...inherited, AUTH_JWT_SECRET, PORT: '0', ...env },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(result.status).toBe(1);
    return `${result.stdout}${result.stderr}`;
  };

  it('names a malformed DATABASE_URL without printing the password in it', () => {
    const output = failedStart('post-query', {
      DATABASE_URL: 'postgres://app:hunter2-secret@db host/posts',
    });

    expect(output).toContain('DATABASE_URL=(value hidden): must be a postgres:// URL');
    expect(output).not.toContain('hunter2-secret');
  });

  it('refuses to start without a way to verify tokens, naming the variables', () => {
    const output = failedStart('post-cmd', { AUTH_JWT_SECRET: undefined });

    expect(output).toContain(
      'AUTH_JWT_SECRET (or AUTH_JWT_SECRET_FILE), AUTH_JWKS_URL: set exactly one',
    );
  });
});
