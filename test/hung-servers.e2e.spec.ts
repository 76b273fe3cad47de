import { randomUUID } from 'node:crypto';
import { eventually } from './support/eventually';
import { proxyServerOf, type TcpProxy } from './support/tcp-proxy';
import { expectProblem, request, type JsonResponse } from './support/http';
import { isolatedEnvironment, type IsolatedEnvironment } from './support/isolated-environment';
import { startPostCmd, startPostQuery, type RunningService } from './support/services';

/** The services' bound on a call to their database, set low here so that the test is quick. */
const TIMEOUT_MS = 1_000;
/** What a client may wait at most: the bound, and time to answer. */
const ANSWERED_WITHIN_MS = 3 * TIMEOUT_MS;

/**
 * A database that stops answering, without closing its connections, must cost a request a 503
 * after a bound, never a request that hangs. Each service's database sits behind a proxy that
 * can hang; the servers themselves are the real ones.
 */
describe('requests while a database hangs (both services over real servers behind a hanging proxy)', () => {
  let environment: IsolatedEnvironment;
  let eventStore: TcpProxy;
  let readModel: TcpProxy;
  let postCmd: RunningService;
  let postQuery: RunningService;

  beforeAll(async () => {
    environment = await isolatedEnvironment('hung');
    environment.apply();
    eventStore = await proxyServerOf('MONGO_URL');
    readModel = await proxyServerOf('DATABASE_URL');
    process.env.MONGO_TIMEOUT_MS = String(TIMEOUT_MS);
    process.env.DATABASE_TIMEOUT_MS = String(TIMEOUT_MS);
    postCmd = await startPostCmd();
    postQuery = await startPostQuery();
  });

  afterAll(async () => {
    eventStore?.answer();
    readModel?.answer();
    await postCmd?.close();
    await postQuery?.close();
    await eventStore?.close();
    await readModel?.close();
    await environment?.cleanup();
  });

  /** The response, and how long it took. */
  const timed = async (send: () => Promise<JsonResponse>) => {
    const started = Date.now();
    const response = await send();
    return { response, tookMs: Date.now() - started };
  };

  it('answers a command 503 within its bound while the event store hangs, and a retry stores it once it answers', async () => {
    const created = await request(`${postCmd.api}/posts`, {
      method: 'POST',
      as: 'ada',
      body: { message: 'Before the hang' },
    });
    expect(created.status).toBe(201);
    const like = () =>
      request(`${postCmd.api}/posts/${String(created.body.postId)}/likes`, {
        method: 'POST',
        as: 'grace',
        headers: { 'idempotency-key': 'like-during-the-hang' },
      });

    eventStore.hang();
    try {
      const { response, tookMs } = await timed(like);
      expectProblem(response, 503, 'event-store-unavailable');
      expect(tookMs).toBeLessThan(ANSWERED_WITHIN_MS);

      const history = await timed(() =>
        request(`${postCmd.api}/posts/${String(created.body.postId)}/state`),
      );
      expectProblem(history.response, 503, 'event-store-unavailable');
      expect(history.tookMs).toBeLessThan(ANSWERED_WITHIN_MS);
    } finally {
      eventStore.answer();
    }

    // The 503 said the like may have been stored: the retry, with the same key, settles it once.
    await eventually(async () => expect((await like()).status).toBe(201));
    const state = await request(`${postCmd.api}/posts/${String(created.body.postId)}/state`);
    expect(state.body).toMatchObject({ likes: 1 });
  });

  it('answers a query 503 within its bound while PostgreSQL hangs, and 200 once it answers', async () => {
    expect((await request(`${postQuery.api}/posts`)).status).toBe(200);

    readModel.hang();
    try {
      for (const path of ['/posts', `/posts/${randomUUID()}`, '/posts?minLikes=1']) {
        const { response, tookMs } = await timed(() => request(`${postQuery.api}${path}`));
        expectProblem(response, 503, 'read-model-unavailable');
        expect(tookMs).toBeLessThan(ANSWERED_WITHIN_MS);
      }
    } finally {
      readModel.answer();
    }

    await eventually(async () =>
      expect((await request(`${postQuery.api}/posts`)).status).toBe(200),
    );
  });
});
