import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { toPostEventMessage } from '@social-posts/post-events';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { eventually } from '@test/support/eventually';
import { request } from '@test/support/http';
import { isolatedEnvironment, type IsolatedEnvironment } from '@test/support/isolated-environment';
import { envelope, postCreatedEnvelope } from '@test/support/post-event-fixtures';
import { startPostQuery, type RunningService } from '@test/support/services';
import { proxyServerOf, type TcpProxy } from '@test/support/tcp-proxy';

const WAITERS = 200;
/** How long the readers are left waiting before the version they wait for is produced. */
const WAITING_MS = 3_000;

describe('read-your-writes waits (post-query over real Kafka and PostgreSQL)', () => {
  let environment: IsolatedEnvironment;
  let database: TcpProxy;
  let postQuery: RunningService;
  let producer: Producer;
  let topic: string;

  beforeAll(async () => {
    environment = await isolatedEnvironment('read_your_writes');
    environment.apply();
    topic = environment.variables.KAFKA_TOPIC!;
    database = await proxyServerOf('DATABASE_URL');
    postQuery = await startPostQuery();
    producer = new Kafka({
      brokers: process.env.KAFKA_BROKERS!.split(','),
      logLevel: logLevel.NOTHING,
    }).producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await postQuery?.close();
    await database?.close();
    await environment?.cleanup();
  });

  it('keeps hundreds of waiting readers off the database, and answers them all once the projector commits', async () => {
    const postId = randomUUID();
    await producer.send({ topic, messages: [toPostEventMessage(postCreatedEnvelope(postId))] });
    const post = () => request(`${postQuery.api}/posts/${postId}`);
    await eventually(async () => expect((await post()).status).toBe(200));
    // What one read of the post asks of PostgreSQL, in bytes.
    const before = database.bytesToServer();
    await post();
    const oneRead = database.bytesToServer() - before;

    const start = database.bytesToServer();
    const answers = Array.from({ length: WAITERS }, () =>
      request(`${postQuery.api}/posts/${postId}?minVersion=2`),
    );
    await delay(WAITING_MS);
    const liked = envelope(postId, 2, 'PostLiked', {
      postId,
      username: 'grace',
      likedAt: new Date().toISOString(),
    });
    const produced = Date.now();
    await producer.send({ topic, messages: [toPostEventMessage(liked)] });

    for (const answer of await Promise.all(answers)) {
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ version: 2, likes: 1 });
    }
    expect(Date.now() - produced).toBeLessThan(2_000);
    // Each reader reads its post when it comes, once more when woken, and the comments: about
    // three reads however long it waited. Polling every 25 ms asked for as many as the pool let
    // through, which was about four a second each.
    expect(database.bytesToServer() - start).toBeLessThan(WAITERS * oneRead * 4);
  });
});
