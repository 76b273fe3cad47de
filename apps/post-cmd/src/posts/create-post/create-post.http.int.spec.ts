import { MongoClient } from 'mongodb';
import { expectProblem, request, type JsonResponse } from '@test/support/http';
import { isolatedEnvironment, type IsolatedEnvironment } from '@test/support/isolated-environment';
import { startPostCmd, type RunningService } from '@test/support/services';
import { MAX_MESSAGE_LENGTH } from '@social-posts/post-events';

describe('POST /api/v1/posts (post-cmd over HTTP, real event store)', () => {
  let environment: IsolatedEnvironment;
  let postCmd: RunningService;
  let mongo: MongoClient;

  beforeAll(async () => {
    environment = await isolatedEnvironment('create_post_http');
    environment.apply();
    postCmd = await startPostCmd();
    mongo = await MongoClient.connect(process.env.MONGO_URL!);
  });

  afterAll(async () => {
    await mongo?.close();
    await postCmd?.close();
    await environment?.cleanup();
  });

  const storedEvents = () =>
    mongo.db(environment.variables.MONGO_DATABASE).collection('events').countDocuments();

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    request(`${postCmd.api}/posts`, { method: 'POST', as: 'ada', body, headers });

  const postRaw = (rawBody: string | Uint8Array, headers: Record<string, string> = {}) =>
    request(`${postCmd.api}/posts`, { method: 'POST', as: 'ada', rawBody, headers });

  it('stores one PostCreated event with the caller’s correlation id, its personal data sealed', async () => {
    const created = await post({ message: 'Hi #There' }, { 'X-Correlation-Id': 'req-42' });

    expect(created.status).toBe(201);
    const stored = await mongo
      .db(environment.variables.MONGO_DATABASE)
      .collection('events')
      .findOne({ aggregateId: created.body.postId });
    expect(stored).toMatchObject({
      eventType: 'PostCreated',
      schemaVersion: 2,
      version: 1,
      personalData: 'sealed',
      data: {
        postId: (created.body as { postId: string }).postId,
        author: expect.stringMatching(/^sealed:1:/),
        message: expect.stringMatching(/^sealed:1:/),
        tags: expect.stringMatching(/^sealed:1:/),
      },
      metadata: { correlationId: 'req-42' },
    });
    expect(JSON.stringify(stored)).not.toMatch(/"ada"|Hi #There|"there"/);
    const { postId } = created.body as { postId: string };
    const history = await request<{ data: unknown }[]>(`${postCmd.api}/posts/${postId}/events`);
    expect(history.body[0]!.data).toMatchObject({
      author: 'ada',
      message: 'Hi #There',
      tags: ['there'],
    });
  });

  describe('rejects bad input with a problem+json 4xx, and stores nothing', () => {
    const cases: Array<[string, () => Promise<JsonResponse>, number, string | undefined]> = [
      ['invalid JSON', () => postRaw('{"message":'), 400, undefined],
      ['an unknown field', () => post({ message: 'Hi', likes: 5 }), 400, 'likes'],
      ['a message of the wrong type', () => post({ message: 42 }), 400, 'message'],
      ['a missing message', () => post({}), 400, 'message'],
      [
        'an author in the body (the token names the author)',
        () => post({ author: 'eve', message: 'Hi' }),
        400,
        'author',
      ],
      ['a message that is only white space', () => post({ message: ' \n ' }), 400, 'message'],
      [
        'a message over the limit',
        () => post({ message: 'x'.repeat(MAX_MESSAGE_LENGTH + 1) }),
        400,
        'message',
      ],
      ['a body over 64 kB', () => post({ message: 'x'.repeat(70_000) }), 413, undefined],
      [
        'a body that is not JSON',
        () => postRaw('hello', { 'content-type': 'text/plain' }),
        415,
        undefined,
      ],
      // Named like Object.prototype's members: class-transformer dropped these unseen (a 201).
      ...['toString', '__proto__', 'constructor', 'hasOwnProperty'].map(
        (name): [string, () => Promise<JsonResponse>, number, string] => [
          `a field named ${name}`,
          () => postRaw(`{"message":"Hi","${name}":"x"}`),
          400,
          name,
        ],
      ),
      [
        'bytes that are not UTF-8 (they were stored as U+FFFD)',
        () => postRaw(Buffer.from('{"message":"\xff\xfe"}', 'latin1')),
        400,
        undefined,
      ],
      [
        'a charset other than UTF-8',
        () => postRaw('{"message":"Hi"}', { 'content-type': 'application/json; charset=utf-16' }),
        415,
        undefined,
      ],
      [
        'a charset JSON never has',
        () => postRaw('{"message":"Hi"}', { 'content-type': 'application/json; charset=latin1' }),
        415,
        undefined,
      ],
    ];

    it.each(cases)('%s', async (_, send, status, field) => {
      const before = await storedEvents();

      const response = await send();

      expectProblem(response, status);
      if (field !== undefined) {
        expect(response.body.errors).toEqual(
          expect.arrayContaining([expect.objectContaining({ field })]),
        );
      }
      expect(await storedEvents()).toBe(before);
    });

    it('names the encoding as the problem, for bytes and for a charset', async () => {
      const bytes = await postRaw(Buffer.from('{"message":"\xff"}', 'latin1'));
      const charset = await postRaw('{"message":"Hi"}', {
        'content-type': 'application/json; charset=utf-16',
      });

      expect(bytes.body.detail).toBe('The request body is not valid UTF-8.');
      expect(charset.body.detail).toBe('The request body’s charset must be UTF-8.');
    });
  });
});
