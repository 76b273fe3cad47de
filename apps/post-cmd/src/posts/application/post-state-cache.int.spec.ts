import { expectProblem, request, type RequestOptions } from '@test/support/http';
import { isolatedEnvironment, type IsolatedEnvironment } from '@test/support/isolated-environment';
import { startPostCmd, type RunningService } from '@test/support/services';

interface Accepted {
  postId: string;
  version: number;
  commentId?: string;
}

/**
 * The state cache changes what a command costs, never what it answers: two instances of
 * post-cmd over one event store, each caching what it wrote, the other writing meanwhile.
 */
describe('commands decided on an outdated cached state (two post-cmd instances, real event store)', () => {
  let environment: IsolatedEnvironment;
  let first: RunningService;
  let second: RunningService;

  beforeAll(async () => {
    environment = await isolatedEnvironment('post_state_cache');
    environment.apply();
    first = await startPostCmd();
    second = await startPostCmd();
  });

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await environment?.cleanup();
  });

  const send = (
    instance: RunningService,
    method: string,
    path: string,
    options: Omit<RequestOptions, 'method'> = {},
  ) => request<Accepted>(`${instance.api}${path}`, { method, ...options });

  /** A post that the first instance wrote last, so its state is in that instance's cache. */
  async function cachedByFirst(): Promise<string> {
    const { postId } = (await send(first, 'POST', '/posts', { as: 'ada', body: { message: 'Hi' } }))
      .body;
    expect((await send(first, 'POST', `/posts/${postId}/likes`, { as: 'grace' })).status).toBe(201);
    return postId;
  }

  it('appends after what the other instance wrote: the version the store gives, not the cached one', async () => {
    const postId = await cachedByFirst();
    await send(second, 'POST', `/posts/${postId}/likes`, { as: 'linus' });

    const like = await send(first, 'POST', `/posts/${postId}/likes`, { as: 'margaret' });

    expect(like.status).toBe(201);
    expect(like.body.version).toBe(4);
  });

  it('refuses a command the other instance made impossible: the post removed meanwhile', async () => {
    const postId = await cachedByFirst();
    expect((await send(second, 'DELETE', `/posts/${postId}`, { as: 'ada' })).status).toBe(200);

    expectProblem(
      await send(first, 'POST', `/posts/${postId}/likes`, { as: 'linus' }),
      409,
      'post-is-removed',
    );
  });

  it('refuses an edit of a comment the other instance removed meanwhile', async () => {
    const postId = await cachedByFirst();
    const { commentId } = (
      await send(first, 'POST', `/posts/${postId}/comments`, {
        as: 'linus',
        body: { comment: 'First' },
      })
    ).body;
    expect(
      (await send(second, 'DELETE', `/posts/${postId}/comments/${commentId}`, { as: 'linus' }))
        .status,
    ).toBe(200);

    expectProblem(
      await send(first, 'PATCH', `/posts/${postId}/comments/${commentId}`, {
        as: 'linus',
        body: { comment: 'Edited' },
      }),
      404,
      'comment-not-found',
    );
  });

  it('honours an If-Match naming the version the other instance wrote, which its cache has not seen', async () => {
    const postId = await cachedByFirst();
    const theirs = await send(second, 'PATCH', `/posts/${postId}`, {
      as: 'ada',
      body: { message: 'Edited there' },
    });

    const edit = await send(first, 'PATCH', `/posts/${postId}`, {
      as: 'ada',
      body: { message: 'Edited here' },
      headers: { 'If-Match': `"${theirs.body.version}"` },
    });

    expect(edit.status).toBe(200);
    expect(edit.body.version).toBe(theirs.body.version + 1);
  });

  it('answers 409 with the store’s current version when If-Match names the cached one, now outdated', async () => {
    const postId = await cachedByFirst();
    await send(second, 'POST', `/posts/${postId}/likes`, { as: 'linus' });

    const edit = await send(first, 'PATCH', `/posts/${postId}`, {
      as: 'ada',
      body: { message: 'Edited' },
      headers: { 'If-Match': '"2"' },
    });

    expectProblem(edit, 409, 'version-conflict');
    expect(edit.body).toMatchObject({ currentVersion: 3 });
  });
});
