import { eventually } from './support/eventually';
import { expectProblem, request } from './support/http';
import { isolatedEnvironment, type IsolatedEnvironment } from './support/isolated-environment';
import { startPostCmd, startPostQuery, type RunningService } from './support/services';

/**
 * One post from command to query: post-cmd → MongoDB event store → outbox relay → Kafka →
 * post-query consumer → PostgreSQL → query. Both services run in this process, over the real
 * servers.
 */
describe('a post created on post-cmd', () => {
  let environment: IsolatedEnvironment;
  let postCmd: RunningService;
  let postQuery: RunningService;

  beforeAll(async () => {
    environment = await isolatedEnvironment('skeleton');
    environment.apply();
    postCmd = await startPostCmd();
    postQuery = await startPostQuery();
  });

  afterAll(async () => {
    await postCmd?.close();
    await postQuery?.close();
    await environment?.cleanup();
  });

  it('is accepted with its id and version 1, also as the ETag', async () => {
    const created = await request<{ postId: string; version: number }>(`${postCmd.api}/posts`, {
      method: 'POST',
      as: 'ada',
      body: { message: 'Hello, world' },
    });

    expect(created.status).toBe(201);
    expect(created.body).toEqual({ postId: expect.any(String), version: 1 });
    expect(created.headers.get('etag')).toBe('"1"');
  });

  it('is served by post-query once projected, as it was written', async () => {
    const created = await request<{ postId: string }>(`${postCmd.api}/posts`, {
      method: 'POST',
      as: 'grace',
      body: { message: '  Events are facts.\n' },
    });

    const post = await eventually(async () => {
      const found = await request(`${postQuery.api}/posts/${created.body.postId}`);
      expect(found.status).toBe(200);
      return found.body;
    });

    expect(post).toEqual({
      postId: created.body.postId,
      author: 'grace',
      message: 'Events are facts.',
      datePosted: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      editedAt: null,
      likes: 0,
      commentCount: 0,
      version: 1,
      comments: [],
    });
  });

  it('is a 404 problem on post-query while no such post exists', async () => {
    const missing = await request(`${postQuery.api}/posts/00000000-0000-4000-8000-000000000000`);

    expectProblem(missing, 404, 'post-not-found');
    expect(missing.body).toMatchObject({ title: 'Not Found' });
  });
});
