import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { expectProblem, request, type JsonResponse, type RequestOptions } from './support/http';
import { isolatedEnvironment, type IsolatedEnvironment } from './support/isolated-environment';
import { startPostCmd, startPostQuery, type RunningService } from './support/services';
import { ADMIN, forgedTokens } from './support/tokens';

interface Accepted {
  postId: string;
  version: number;
  commentId?: string;
}

/** Every command, on a post (and comment) of ada's, with a body valid for it. */
const COMMANDS = [
  { name: 'create a post', method: 'POST', path: '/posts', body: { message: 'Hi' } },
  { name: 'edit the message', method: 'PATCH', path: '/posts/:id', body: { message: 'Mine' } },
  { name: 'like', method: 'POST', path: '/posts/:id/likes' },
  { name: 'report', method: 'POST', path: '/posts/:id/reports', body: { reason: 'spam' } },
  { name: 'comment', method: 'POST', path: '/posts/:id/comments', body: { comment: 'Hi' } },
  {
    name: 'edit a comment',
    method: 'PATCH',
    path: '/posts/:id/comments/:commentId',
    body: { comment: 'Mine' },
  },
  { name: 'remove a comment', method: 'DELETE', path: '/posts/:id/comments/:commentId' },
  { name: 'remove the post', method: 'DELETE', path: '/posts/:id' },
] as const;

/** Commands that only the author (of the post, or of the comment) may give. */
const AUTHORS_ONLY = COMMANDS.filter((command) =>
  ['edit the message', 'edit a comment', 'remove a comment', 'remove the post'].includes(
    command.name,
  ),
);

/**
 * Who may do what, against both services over the real servers: the acting user is the token's
 * subject, nobody can act for someone else, admin routes need the admin role, and a removed
 * post's history is its author's.
 */
describe('identity and access (both services, real servers)', () => {
  let environment: IsolatedEnvironment;
  let postCmd: RunningService;
  let postQuery: RunningService;
  let mongo: MongoClient;

  beforeAll(async () => {
    environment = await isolatedEnvironment('access');
    environment.apply();
    [postCmd, postQuery] = await Promise.all([startPostCmd(), startPostQuery()]);
    mongo = await MongoClient.connect(process.env.MONGO_URL!);
  });

  afterAll(async () => {
    await mongo?.close();
    await postCmd?.close();
    await postQuery?.close();
    await environment?.cleanup();
  });

  const storedEvents = () =>
    mongo.db(environment.variables.MONGO_DATABASE).collection('events').countDocuments();

  const send = (method: string, path: string, options: Omit<RequestOptions, 'method'> = {}) =>
    request<Accepted & Record<string, unknown>>(`${postCmd.api}${path}`, { method, ...options });

  /** A post of ada's with a comment of grace's. */
  async function adasPost(): Promise<{ postId: string; commentId: string }> {
    const { postId } = (await send('POST', '/posts', { as: 'ada', body: { message: 'Hello' } }))
      .body;
    const { commentId } = (
      await send('POST', `/posts/${postId}/comments`, { as: 'grace', body: { comment: 'Hi' } })
    ).body;
    return { postId, commentId: commentId! };
  }

  const pathOf = (template: string, post: { postId: string; commentId: string }) =>
    template.replace(':id', post.postId).replace(':commentId', post.commentId);

  const expectUnauthenticated = (response: JsonResponse<unknown>, tokenSent: boolean) => {
    expectProblem(response, 401);
    const challenge = response.headers.get('www-authenticate');
    expect(challenge).toMatch(/^Bearer realm="social-posts"/);
    if (tokenSent) expect(challenge).toContain('error="invalid_token"');
  };

  it('records the token’s subject as the acting user in the events', async () => {
    const { postId } = await adasPost();

    const events = await send('GET', `/posts/${postId}/events`);

    expect(events.body).toEqual([
      expect.objectContaining({
        eventType: 'PostCreated',
        data: expect.objectContaining({ author: 'ada' }),
      }),
      expect.objectContaining({
        eventType: 'CommentAdded',
        data: expect.objectContaining({ username: 'grace' }),
      }),
    ]);
  });

  describe.each(COMMANDS)('$name ($method $path)', ({ method, path, ...command }) => {
    const body = 'body' in command ? command.body : undefined;

    it('is 401 with a Bearer challenge without a token, and stores nothing', async () => {
      const post = await adasPost();
      const before = await storedEvents();

      expectUnauthenticated(await send(method, pathOf(path, post), { body }), false);
      expect(await storedEvents()).toBe(before);
    });

    it.each(Object.entries(forgedTokens('ada')))(
      'is 401 with a token that is %s, and stores nothing',
      async (_, token) => {
        const post = await adasPost();
        const before = await storedEvents();

        const response = await send(method, pathOf(path, post), {
          body,
          headers: { authorization: `Bearer ${token}` },
        });

        expectUnauthenticated(response, true);
        expect(await storedEvents()).toBe(before);
      },
    );
  });

  it.each(AUTHORS_ONLY)(
    '$name is 403 with another user’s token, and stores nothing',
    async ({ method, path, ...command }) => {
      const post = await adasPost();
      const before = await storedEvents();
      // eve is neither the post's author (ada) nor the comment's (grace).
      const response = await send(method, pathOf(path, post), {
        as: 'eve',
        body: 'body' in command ? command.body : undefined,
      });

      expectProblem(response, 403, 'not-the-author');
      expect(await storedEvents()).toBe(before);
    },
  );

  it('does not take an acting user from the body', async () => {
    const post = await adasPost();

    const response = await send('PATCH', `/posts/${post.postId}`, {
      as: 'eve',
      body: { username: 'ada', message: 'Mine' },
    });

    expectProblem(response, 400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'username' })]);
  });

  describe('admin routes', () => {
    const ADMIN_ROUTES = [
      { service: 'post-cmd', method: 'GET', path: '/admin/republish' },
      { service: 'post-cmd', method: 'POST', path: `/admin/republish?postId=${randomUUID()}` },
      { service: 'post-query', method: 'GET', path: '/admin/projection' },
      { service: 'post-query', method: 'DELETE', path: `/admin/parked-posts/${randomUUID()}` },
      { service: 'post-cmd', method: 'GET', path: '/admin/moderation/cases' },
      {
        service: 'post-cmd',
        method: 'POST',
        path: `/admin/moderation/cases/${randomUUID()}/decision`,
        body: { decision: 'keep' },
      },
      { service: 'post-cmd', method: 'DELETE', path: '/admin/users/nobody-yet' },
      {
        service: 'post-cmd',
        method: 'POST',
        path: '/admin/person-keys/lookup',
        body: { keyIds: [randomUUID()] },
      },
    ] as const;
    const call = (route: (typeof ADMIN_ROUTES)[number], as?: RequestOptions['as']) =>
      request(`${(route.service === 'post-cmd' ? postCmd : postQuery).api}${route.path}`, {
        method: route.method,
        as,
        body: 'body' in route ? route.body : undefined,
      });

    it.each(ADMIN_ROUTES)('$method $path is 401 without a token', async (route) => {
      expectUnauthenticated(await call(route), false);
    });

    it.each(ADMIN_ROUTES)(
      '$method $path is 403 for a user without the admin role',
      async (route) => {
        expectProblem(await call(route, 'ada'), 403);
      },
    );

    it.each(ADMIN_ROUTES)('$method $path answers an admin', async (route) => {
      const response = await call(route, ADMIN);
      // Releasing a post that is not parked is a 404: the admin got through to the route.
      expect([200, 202, 404]).toContain(response.status);
    });
  });

  describe('reads', () => {
    it('are public on post-query, and on an active post’s history; a token sent must be valid', async () => {
      const { postId } = await adasPost();

      expect((await request(`${postQuery.api}/posts`)).status).toBe(200);
      expect((await send('GET', `/posts/${postId}/events`)).status).toBe(200);
      expect((await send('GET', `/posts/${postId}/state`)).status).toBe(200);
      // It says who asks (an author reads their posts that moderation hides): never a guess.
      const junk = { headers: { authorization: 'Bearer junk' } };
      expectProblem(await request(`${postQuery.api}/posts`, junk), 401);
      expectProblem(await request(`${postQuery.api}/posts/${postId}`, junk), 401);
    });

    it('keep a removed post’s history and past states for its author and admins', async () => {
      const { postId } = await adasPost();
      await send('DELETE', `/posts/${postId}`, { as: 'ada' });

      for (const path of [`/posts/${postId}/events`, `/posts/${postId}/state?asOfVersion=1`]) {
        expectUnauthenticated(await send('GET', path), false);
        expectProblem(
          await send('GET', path, { as: 'eve' }),
          403,
          'removed-post-history-is-private',
        );
        expectUnauthenticated(
          await send('GET', path, {
            headers: { authorization: `Bearer ${forgedTokens('ada').expired}` },
          }),
          true,
        );
        expect((await send('GET', path, { as: 'ada' })).status).toBe(200);
        expect((await send('GET', path, { as: ADMIN })).status).toBe(200);
      }
    });

    it('withhold the words taken back from anyone but the post’s author and admins', async () => {
      const draft = `draft-${randomUUID()}`;
      const removedComment = `removed-comment-${randomUUID()}`;
      const { postId } = (
        await send('POST', '/posts', { as: 'ada', body: { message: `${draft} #secret` } })
      ).body;
      await send('PATCH', `/posts/${postId}`, { as: 'ada', body: { message: 'Final words' } });
      const { commentId } = (
        await send('POST', `/posts/${postId}/comments`, {
          as: 'grace',
          body: { comment: removedComment },
        })
      ).body;
      await send('DELETE', `/posts/${postId}/comments/${commentId}`, { as: 'grace' });

      for (const reader of [undefined, 'eve', 'grace'] as const) {
        const events = await send('GET', `/posts/${postId}/events`, { as: reader });
        expect(events.status).toBe(200);
        expect(JSON.stringify(events.body)).not.toContain(draft);
        expect(JSON.stringify(events.body)).not.toContain(removedComment);
        expect(events.body).toEqual([
          expect.objectContaining({
            eventType: 'PostCreated',
            version: 1,
            withheld: ['message', 'tags'],
            data: expect.objectContaining({ author: 'ada', message: null, tags: null }),
          }),
          expect.objectContaining({
            eventType: 'PostMessageEdited',
            data: expect.objectContaining({ message: 'Final words' }),
          }),
          expect.objectContaining({
            eventType: 'CommentAdded',
            withheld: ['comment'],
            data: expect.objectContaining({ username: 'grace', comment: null }),
          }),
          expect.objectContaining({ eventType: 'CommentRemoved', version: 4 }),
        ]);
        const past = await send('GET', `/posts/${postId}/state?asOfVersion=1`, { as: reader });
        expect(past.body).toMatchObject({ version: 1, message: null, withheld: ['message'] });
        const now = await send('GET', `/posts/${postId}/state`, { as: reader });
        expect(now.body).toMatchObject({ message: 'Final words' });
        expect(now.body).not.toHaveProperty('withheld');
      }
      for (const reader of ['ada', ADMIN]) {
        const events = await send('GET', `/posts/${postId}/events`, { as: reader });
        expect(JSON.stringify(events.body)).toContain(draft);
        expect(JSON.stringify(events.body)).toContain(removedComment);
        expect(events.body).not.toContainEqual(
          expect.objectContaining({ withheld: expect.anything() }),
        );
        const past = await send('GET', `/posts/${postId}/state?asOfVersion=1`, { as: reader });
        expect(past.body).toMatchObject({ message: `${draft} #secret` });
      }
    });
  });

  describe('the HTTP edge', () => {
    it('sends helmet’s security headers, and no CORS header unless origins are configured', async () => {
      const response = await fetch(`${postQuery.api}/posts`, {
        headers: { origin: 'https://elsewhere.example' },
      });

      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('declares the bearer scheme and which operations need which right', async () => {
      type Operation = {
        security?: Record<string, string[]>[];
        responses: Record<string, unknown>;
      };
      const document = await request<{
        components: { securitySchemes: Record<string, unknown> };
        paths: Record<string, Record<string, Operation>>;
      }>(postCmd.api.replace('/api/v1', '/api/docs-json'));
      const operation = (path: string, method: string) =>
        document.body.paths[`/api/v1${path}`]![method]!;

      expect(document.body.components.securitySchemes).toEqual({
        bearer: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }),
      });
      expect(operation('/posts', 'post').security).toEqual([{ bearer: [] }]);
      expect(Object.keys(operation('/posts', 'post').responses)).toEqual(
        expect.arrayContaining(['401', '429']),
      );
      expect(operation('/posts/{id}/events', 'get').security).toEqual([{}, { bearer: [] }]);
      expect(Object.keys(operation('/admin/republish', 'post').responses)).toEqual(
        expect.arrayContaining(['401', '403']),
      );
    });
  });
});
