import { randomUUID } from 'node:crypto';
import { toPostEventMessage, type PostCreatedV2 } from '@social-posts/post-events';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { eventually } from '@test/support/eventually';
import { request } from '@test/support/http';
import { isolatedEnvironment, type IsolatedEnvironment } from '@test/support/isolated-environment';
import { envelope, postCreatedEnvelope } from '@test/support/post-event-fixtures';
import { startPostQuery, type RunningService } from '@test/support/services';
import { ADMIN } from '@test/support/tokens';
import { readTopic, type TopicReader } from '@test/support/topic-reader';
import { DEAD_LETTER_HEADERS, deadLetterTopic } from './dead-letter-publisher';

describe('poison messages (post-query, real Kafka and PostgreSQL)', () => {
  let environment: IsolatedEnvironment;
  let postQuery: RunningService;
  let producer: Producer;
  let deadLetters: TopicReader;
  let topic: string;

  beforeAll(async () => {
    environment = await isolatedEnvironment('dead_letters');
    environment.apply();
    topic = environment.variables.KAFKA_TOPIC!;
    process.env.GAP_TIMEOUT_MS = '1500';
    postQuery = await startPostQuery();
    const kafka = new Kafka({
      brokers: process.env.KAFKA_BROKERS!.split(','),
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    await admin.connect();
    await eventually(async () =>
      expect(await admin.listTopics()).toEqual(
        expect.arrayContaining([topic, deadLetterTopic(topic)]),
      ),
    );
    await admin.disconnect();
    producer = kafka.producer();
    await producer.connect();
    deadLetters = await readTopic(deadLetterTopic(topic));
  });

  afterAll(async () => {
    await deadLetters?.stop();
    await producer?.disconnect();
    await postQuery?.close();
    await environment?.cleanup();
  });

  // Reads of posts are public; the admin routes need an admin, who may read the rest too.
  const get = (path: string) => request(`${postQuery.api}${path}`, { as: ADMIN });

  const likedBy = (postId: string, version: number) =>
    envelope(postId, version, 'PostLiked', {
      postId,
      username: 'grace',
      likedAt: new Date().toISOString(),
    });

  /** A post created, then a message that cannot be read, then a like of the post. */
  const poisonedPost = (postId: string, poison: string) => [
    toPostEventMessage(postCreatedEnvelope(postId)),
    { key: postId, value: poison },
    toPostEventMessage(likedBy(postId, 2)),
  ];

  it('reads an older schema version, and dead-letters a newer one than it knows', async () => {
    const older = randomUUID();
    const newer = randomUUID();
    const created = (postId: string) => postCreatedEnvelope(postId);
    const { tags: _tags, ...v1Data } = created(older).data as PostCreatedV2;
    await producer.send({
      topic,
      messages: [
        {
          key: older,
          value: JSON.stringify({ ...created(older), schemaVersion: 1, data: v1Data }),
        },
        { key: newer, value: JSON.stringify({ ...created(newer), schemaVersion: 3 }) },
      ],
    });

    await eventually(async () =>
      expect((await get(`/posts/${older}`)).body).toMatchObject({ version: 1 }),
    );
    await eventually(() =>
      expect(deadLetters.messages.filter((m) => m.key?.toString() === newer)).toHaveLength(1),
    );
    const [deadLetter] = deadLetters.messages.filter((m) => m.key?.toString() === newer);
    expect(deadLetter!.headers?.[DEAD_LETTER_HEADERS.reason]?.toString()).toBe(
      'unknown schema version 3 of PostCreated',
    );
    // Released, so that the parked posts the next cases expect are theirs alone.
    expect(
      (
        await request(`${postQuery.api}/admin/parked-posts/${newer}`, {
          method: 'DELETE',
          as: ADMIN,
        })
      ).status,
    ).toBe(204);
  });

  it('dead-letters an unreadable message and parks its post, while other posts go on', async () => {
    const a = randomUUID();
    const b = randomUUID();
    await producer.send({
      topic,
      messages: [...poisonedPost(a, '{"eventType":'), toPostEventMessage(postCreatedEnvelope(b))],
    });

    await eventually(async () => expect((await get(`/posts/${b}`)).status).toBe(200));
    // a and b may sit in different partitions: each is awaited on its own.
    await eventually(async () =>
      expect((await get(`/posts/${a}`)).body).toMatchObject({ version: 1, likes: 0 }),
    );

    await eventually(() =>
      expect(deadLetters.messages.filter((m) => m.key?.toString() === a)).toHaveLength(2),
    );
    const [poison, parkedLike] = deadLetters.messages.filter((m) => m.key?.toString() === a);
    expect(poison!.value?.toString()).toBe('{"eventType":');
    expect(poison!.headers?.[DEAD_LETTER_HEADERS.reason]?.toString()).toBe(
      'message value is not JSON',
    );
    expect(poison!.headers?.[DEAD_LETTER_HEADERS.topic]?.toString()).toBe(topic);
    expect(parkedLike!.headers?.[DEAD_LETTER_HEADERS.reason]?.toString()).toBe(
      `post ${a} is parked`,
    );

    const status = await get('/admin/projection');
    expect(status.body.parkedPosts).toEqual([
      expect.objectContaining({ postKey: a, reason: 'message value is not JSON', deadLettered: 2 }),
    ]);
  });

  it('dead-letters a message whose key PostgreSQL cannot hold, parking nothing, and goes on', async () => {
    // A NUL in the key reached PostgreSQL when the consumer looked for parked posts: the batch
    // failed, again on every redelivery.
    const key = `not a post\0${randomUUID()}`;
    const b = randomUUID();
    await producer.send({
      topic,
      messages: [{ key, value: 'garbage' }, toPostEventMessage(postCreatedEnvelope(b))],
    });

    await eventually(async () => expect((await get(`/posts/${b}`)).status).toBe(200));
    await eventually(() =>
      expect(deadLetters.messages.filter((m) => m.key?.toString() === key)).toHaveLength(1),
    );
    const { parkedPosts } = (await get('/admin/projection')).body as {
      parkedPosts: Array<{ postKey: string }>;
    };
    expect(parkedPosts.map(({ postKey }) => postKey)).not.toContain(key);
    const release = await request(
      `${postQuery.api}/admin/parked-posts/${encodeURIComponent(key)}`,
      {
        method: 'DELETE',
        as: ADMIN,
      },
    );
    expect(release.status).toBe(404);
  });

  it('parks a post whose events PostgreSQL refuses, dead-lettering them, while other posts go on', async () => {
    const a = randomUUID();
    const b = randomUUID();
    // Readable, but an instant PostgreSQL cannot store: retrying the batch would fail forever.
    const unstorable = postCreatedEnvelope(a, {
      data: { postId: a, author: 'ada', message: 'Hi', datePosted: '-010000-01-01T00:00:00.000Z' },
    });
    await producer.send({
      topic,
      messages: [
        toPostEventMessage(unstorable),
        toPostEventMessage(likedBy(a, 2)),
        toPostEventMessage(postCreatedEnvelope(b)),
      ],
    });

    await eventually(async () => expect((await get(`/posts/${b}`)).status).toBe(200));
    await eventually(() =>
      expect(deadLetters.messages.filter((m) => m.key?.toString() === a)).toHaveLength(2),
    );
    const [refused] = deadLetters.messages.filter((m) => m.key?.toString() === a);
    expect(JSON.parse(refused!.value!.toString())).toEqual(unstorable);
    const reason = refused!.headers?.[DEAD_LETTER_HEADERS.reason]?.toString();
    expect(reason).toMatch(/^the read model refused its events: timestamp out of range/);
    expect((await get('/admin/projection')).body.parkedPosts).toEqual(
      expect.arrayContaining([expect.objectContaining({ postKey: a, reason, deadLettered: 2 })]),
    );
    expect((await get(`/posts/${a}`)).status).toBe(404);
  });

  it('applies a released post’s events again, redelivered in order', async () => {
    const a = randomUUID();
    await producer.send({ topic, messages: poisonedPost(a, 'garbage') });
    await eventually(async () =>
      expect((await get('/admin/projection')).body.parkedPosts).toEqual(
        expect.arrayContaining([expect.objectContaining({ postKey: a, deadLettered: 2 })]),
      ),
    );

    expect(
      (await request(`${postQuery.api}/admin/parked-posts/${a}`, { method: 'DELETE', as: ADMIN }))
        .status,
    ).toBe(204);
    // What the write side's `POST /admin/republish?postId=…` does: the post's events again.
    await producer.send({
      topic,
      messages: [toPostEventMessage(postCreatedEnvelope(a)), toPostEventMessage(likedBy(a, 2))],
    });

    await eventually(async () =>
      expect((await get(`/posts/${a}`)).body).toMatchObject({ version: 2, likes: 1 }),
    );
    expect(
      (await request(`${postQuery.api}/admin/parked-posts/${a}`, { method: 'DELETE', as: ADMIN }))
        .status,
    ).toBe(404);
  });

  it('parks a post whose missing version does not arrive in time, dead-lettering what it held', async () => {
    const a = randomUUID();
    const third = likedBy(a, 3);
    await producer.send({
      topic,
      messages: [toPostEventMessage(postCreatedEnvelope(a)), toPostEventMessage(third)],
    });

    const reason = `version 2 of post ${a} did not arrive within 1500 ms`;
    await eventually(async () =>
      expect((await get('/admin/projection')).body.parkedPosts).toEqual(
        expect.arrayContaining([expect.objectContaining({ postKey: a, reason, deadLettered: 1 })]),
      ),
    );
    await eventually(() =>
      expect(deadLetters.messages.filter((m) => m.key?.toString() === a)).toHaveLength(1),
    );
    const [held] = deadLetters.messages.filter((m) => m.key?.toString() === a);
    expect((JSON.parse(held!.value!.toString()) as { version: number }).version).toBe(3);
    expect(held!.headers?.[DEAD_LETTER_HEADERS.reason]?.toString()).toBe(reason);

    const status = await get('/admin/projection');
    expect(status.body.heldEvents).toEqual([]);
    expect((await get(`/posts/${a}`)).body).toMatchObject({ version: 1, likes: 0 });
  });
});
