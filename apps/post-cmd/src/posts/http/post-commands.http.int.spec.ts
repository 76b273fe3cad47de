import { randomUUID } from 'node:crypto';
import { expectProblem, request, type JsonResponse, type RequestOptions } from '@test/support/http';
import { isolatedEnvironment, type IsolatedEnvironment } from '@test/support/isolated-environment';
import { startPostCmd, type RunningService } from '@test/support/services';

interface Accepted {
  postId: string;
  version: number;
  commentId?: string;
}

/**
 * Every post-cmd route over HTTP against the real event store: the answer to each command, and
 * each rule's error as problem+json.
 */
describe('post commands over HTTP (post-cmd, real event store)', () => {
  let environment: IsolatedEnvironment;
  let postCmd: RunningService;

  beforeAll(async () => {
    environment = await isolatedEnvironment('post_commands_http');
    environment.apply();
    postCmd = await startPostCmd();
  });

  afterAll(async () => {
    await postCmd?.close();
    await environment?.cleanup();
  });

  const send = (method: string, path: string, options: Omit<RequestOptions, 'method'> = {}) =>
    request<Accepted & Record<string, unknown>>(`${postCmd.api}${path}`, { method, ...options });

  const createPost = async (author = 'ada') =>
    (await send('POST', '/posts', { as: author, body: { message: 'Hello' } })).body.postId;

  const expectAccepted = (response: JsonResponse<Accepted>, status: number, version: number) => {
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ version });
    expect(response.headers.get('etag')).toBe(`"${version}"`);
  };

  describe('PATCH /posts/:id (edit the message)', () => {
    it('lets the author edit, answering the new version', async () => {
      const postId = await createPost();
      expectAccepted(
        await send('PATCH', `/posts/${postId}`, { as: 'ada', body: { message: 'Edited' } }),
        200,
        2,
      );
    });

    it('is 403 for anyone else', async () => {
      const postId = await createPost();
      expectProblem(
        await send('PATCH', `/posts/${postId}`, { as: 'eve', body: { message: 'Mine' } }),
        403,
        'not-the-author',
      );
    });

    it('is 404 for an unknown post, 400 for a malformed id', async () => {
      expectProblem(
        await send('PATCH', `/posts/${randomUUID()}`, { as: 'ada', body: { message: 'x' } }),
        404,
        'post-not-found',
      );
      const malformed = await send('PATCH', '/posts/42', { as: 'ada', body: { message: 'x' } });
      expectProblem(malformed, 400);
      expect(malformed.body.errors).toEqual([expect.objectContaining({ field: 'id' })]);
    });
  });

  describe('POST /posts/:id/likes', () => {
    it('counts a like, and refuses a second by the same user with 409', async () => {
      const postId = await createPost();
      expectAccepted(await send('POST', `/posts/${postId}/likes`, { as: 'grace' }), 201, 2);
      expectProblem(
        await send('POST', `/posts/${postId}/likes`, { as: 'grace' }),
        409,
        'already-liked',
      );
    });

    it('accepts 50 users liking at once through two instances, without If-Match: all of them', async () => {
      const postId = await createPost();
      // Two instances share the event store, so their commands really race for versions.
      const secondInstance = await startPostCmd();
      const likes = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          request<Accepted>(`${[postCmd, secondInstance][i % 2]!.api}/posts/${postId}/likes`, {
            method: 'POST',
            as: `user${i}`,
          }),
        ),
      );
      await secondInstance.close();

      expect(likes.map((like) => like.status)).toEqual(Array(50).fill(201));
      expect(new Set(likes.map((like) => like.body.version)).size).toBe(50);
      const state = await send('GET', `/posts/${postId}/state`);
      expect(state.body).toMatchObject({ version: 51, likes: 50 });
    });
  });

  describe('POST /posts/:id/reports', () => {
    it('takes one report per user, refuses a second with 409 and one’s own post with 403', async () => {
      const postId = await createPost('ada');
      const report = (as: string) =>
        send('POST', `/posts/${postId}/reports`, { as, body: { reason: 'spam' } });

      expectAccepted(await report('grace'), 201, 2);
      expectAccepted(await report('linus'), 201, 3);
      expectProblem(await report('grace'), 409, 'already-reported');
      expectProblem(await report('ada'), 403, 'own-post-reported');
    });

    it('is 400 naming the field for a reason outside the list, 404 for an unknown post', async () => {
      const postId = await createPost();
      const unlisted = await send('POST', `/posts/${postId}/reports`, {
        as: 'grace',
        body: { reason: 'boring' },
      });
      expectProblem(unlisted, 400);
      expect(unlisted.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
      expectProblem(
        await send('POST', `/posts/${randomUUID()}/reports`, {
          as: 'grace',
          body: { reason: 'spam' },
        }),
        404,
        'post-not-found',
      );
    });

    it('names the reporter in the history to admins only', async () => {
      const postId = await createPost('ada');
      await send('POST', `/posts/${postId}/reports`, {
        as: 'grace',
        body: { reason: 'harassment' },
      });
      const reportSeenBy = async (as?: RequestOptions['as']) =>
        ((await send('GET', `/posts/${postId}/events`, { as })).body as unknown as object[])[1];

      expect(await reportSeenBy({ username: 'root', admin: true })).toMatchObject({
        eventType: 'PostReported',
        data: { username: 'grace', reason: 'harassment' },
      });
      for (const reader of ['ada', 'linus', undefined]) {
        expect(await reportSeenBy(reader)).toMatchObject({
          eventType: 'PostReported',
          data: { username: null, reason: 'harassment' },
          withheld: ['username'],
        });
      }
    });
  });

  describe('comments', () => {
    it('adds a comment with a new id, lets its author edit and remove it', async () => {
      const postId = await createPost();
      const added = await send('POST', `/posts/${postId}/comments`, {
        as: 'grace',
        body: { comment: 'Nice' },
      });
      expectAccepted(added, 201, 2);
      const commentId = added.body.commentId!;
      expect(commentId).toMatch(/^[0-9a-f-]{36}$/);

      expectAccepted(
        await send('PATCH', `/posts/${postId}/comments/${commentId}`, {
          as: 'grace',
          body: { comment: 'Nicer' },
        }),
        200,
        3,
      );
      expectAccepted(
        await send('DELETE', `/posts/${postId}/comments/${commentId}`, { as: 'grace' }),
        200,
        4,
      );
    });

    it('is 403 when someone else edits or removes it, 404 for an unknown comment', async () => {
      const postId = await createPost();
      const { commentId } = (
        await send('POST', `/posts/${postId}/comments`, { as: 'grace', body: { comment: 'Hi' } })
      ).body;

      expectProblem(
        await send('PATCH', `/posts/${postId}/comments/${commentId}`, {
          as: 'ada',
          body: { comment: 'No' },
        }),
        403,
        'not-the-author',
      );
      expectProblem(
        await send('DELETE', `/posts/${postId}/comments/${commentId}`, { as: 'ada' }),
        403,
        'not-the-author',
      );
      expectProblem(
        await send('DELETE', `/posts/${postId}/comments/${randomUUID()}`, { as: 'grace' }),
        404,
        'comment-not-found',
      );
    });

    it('is 400 naming the field for an empty comment', async () => {
      const postId = await createPost();
      const response = await send('POST', `/posts/${postId}/comments`, {
        as: 'grace',
        body: { comment: '  ' },
      });
      expectProblem(response, 400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'comment' })]);
    });
  });

  describe('DELETE /posts/:id', () => {
    it('lets only the author remove the post, after which every command is 409', async () => {
      const postId = await createPost();
      expectProblem(await send('DELETE', `/posts/${postId}`, { as: 'eve' }), 403, 'not-the-author');
      expectAccepted(await send('DELETE', `/posts/${postId}`, { as: 'ada' }), 200, 2);

      expectProblem(
        await send('POST', `/posts/${postId}/likes`, { as: 'grace' }),
        409,
        'post-is-removed',
      );
      expectProblem(
        await send('PATCH', `/posts/${postId}`, { as: 'ada', body: { message: 'x' } }),
        409,
        'post-is-removed',
      );
      expectProblem(
        await send('DELETE', `/posts/${postId}`, { as: 'ada' }),
        409,
        'post-is-removed',
      );
    });
  });

  describe('If-Match', () => {
    it('applies a command on the version the client names', async () => {
      const postId = await createPost();
      expectAccepted(
        await send('POST', `/posts/${postId}/likes`, {
          as: 'grace',
          headers: { 'If-Match': '"1"' },
        }),
        201,
        2,
      );
    });

    it('is 409 with the current version when the post has moved on, and stores nothing', async () => {
      const postId = await createPost();
      await send('POST', `/posts/${postId}/likes`, { as: 'grace' });

      const stale = await send('PATCH', `/posts/${postId}`, {
        as: 'ada',
        body: { message: 'Late' },
        headers: { 'If-Match': '"1"' },
      });

      expectProblem(stale, 409, 'version-conflict');
      expect(stale.body.currentVersion).toBe(2);
      expect((await send('GET', `/posts/${postId}/events`)).body).toHaveLength(2);
    });

    it('lets exactly one of several racing edits of the same version win', async () => {
      const postId = await createPost();
      const edits = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          send('PATCH', `/posts/${postId}`, {
            as: 'ada',
            body: { message: `Edit ${i}` },
            headers: { 'If-Match': '"1"' },
          }),
        ),
      );

      expect(edits.filter((edit) => edit.status === 200)).toHaveLength(1);
      expect(edits.filter((edit) => edit.status === 409)).toHaveLength(7);
    });

    it('is 400 naming If-Match when it is not a quoted version', async () => {
      const postId = await createPost();
      const response = await send('POST', `/posts/${postId}/likes`, {
        as: 'grace',
        headers: { 'If-Match': 'W/"1"' },
      });
      expectProblem(response, 400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'If-Match' })]);
    });
  });

  describe('history', () => {
    it('lists a post’s events in order, with the envelope fields', async () => {
      const postId = await createPost();
      await send('POST', `/posts/${postId}/likes`, { as: 'grace' });

      const events = await request<Array<Record<string, unknown>>>(
        `${postCmd.api}/posts/${postId}/events`,
      );

      expect(events.status).toBe(200);
      expect(events.body.map((event) => [event.eventType, event.version])).toEqual([
        ['PostCreated', 1],
        ['PostLiked', 2],
      ]);
      expect(events.body[1]).toMatchObject({
        aggregateId: postId,
        aggregateType: 'Post',
        schemaVersion: 1,
        data: { postId, username: 'grace' },
        metadata: { correlationId: expect.any(String), causationId: expect.any(String) },
      });
    });

    it('replays the state as of any version', async () => {
      const postId = await createPost();
      await send('PATCH', `/posts/${postId}`, { as: 'ada', body: { message: 'Edited' } });

      // The replaced message is its author's to read (others get it withheld: access.e2e).
      expect(
        (await send('GET', `/posts/${postId}/state?asOfVersion=1`, { as: 'ada' })).body,
      ).toMatchObject({ version: 1, message: 'Hello' });
      expect((await send('GET', `/posts/${postId}/state`)).body).toMatchObject({
        version: 2,
        message: 'Edited',
      });
      expectProblem(
        await send('GET', `/posts/${postId}/state?asOfVersion=3`),
        404,
        'version-not-found',
      );
      expectProblem(await send('GET', `/posts/${postId}/state?asOfVersion=zero`), 400);
      expectProblem(await send('GET', `/posts/${randomUUID()}/events`), 404, 'post-not-found');
    });
  });

  it('documents every route in its OpenAPI document', async () => {
    const document = await request<{ paths: Record<string, Record<string, unknown>> }>(
      postCmd.api.replace('/api/v1', '/api/docs-json'),
    );

    const routes = Object.entries(document.body.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes.sort()).toEqual(
      [
        'POST /api/v1/posts',
        'PATCH /api/v1/posts/{id}',
        'DELETE /api/v1/posts/{id}',
        'POST /api/v1/posts/{id}/likes',
        'POST /api/v1/posts/{id}/comments',
        'POST /api/v1/posts/{id}/reports',
        'PATCH /api/v1/posts/{id}/comments/{commentId}',
        'DELETE /api/v1/posts/{id}/comments/{commentId}',
        'GET /api/v1/posts/{id}/events',
        'GET /api/v1/posts/{id}/state',
        'GET /api/v1/users/me/export',
        'DELETE /api/v1/users/me',
        'DELETE /api/v1/admin/users/{username}',
        'POST /api/v1/admin/person-keys/lookup',
        'POST /api/v1/admin/republish',
        'GET /api/v1/admin/republish',
        'GET /api/v1/admin/moderation/cases',
        'POST /api/v1/admin/moderation/cases/{caseId}/decision',
        'GET /health/live',
        'GET /health/ready',
      ].sort(),
    );
  });
});
