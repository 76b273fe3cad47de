import { MongoClient } from 'mongodb';
import { eventually } from '@test/support/eventually';
import { request } from '@test/support/http';
import { isolatedEnvironment, type IsolatedEnvironment } from '@test/support/isolated-environment';
import { controllableStack, type ControllableStack } from '@test/support/local-stack';
import { startServiceProcess } from '@test/support/service-process';
import { startPostCmd } from '@test/support/services';
import { readTopic, type TopicReader } from '@test/support/topic-reader';

interface StoredEvent {
  aggregateId: string;
  version: number;
  /** Set while the event waits to be published. */
  outbox?: number;
}

/** Each test stops and starts Kafka and services: a minute or two on a loaded CI machine. */
const KAFKA_RESTART_TEST_MS = 180_000;

describe('guaranteed publishing: the event store is the outbox', () => {
  let servers: ControllableStack;
  let environment: IsolatedEnvironment;
  let mongo: MongoClient;
  let reader: TopicReader | undefined;

  beforeAll(async () => {
    // These tests kill Kafka: the local stack's, or a private one.
    servers = await controllableStack();
    environment = await isolatedEnvironment('publishing');
    environment.apply();
    mongo = await MongoClient.connect(process.env.MONGO_URL!);
  }, 600_000);

  afterEach(async () => {
    await reader?.stop();
    reader = undefined;
    await servers.start('kafka');
  }, KAFKA_RESTART_TEST_MS);

  afterAll(async () => {
    await mongo?.close();
    await environment?.cleanup();
    await servers?.release();
  });

  const storedEvents = () =>
    mongo
      .db(environment.variables.MONGO_DATABASE)
      .collection<StoredEvent>('events')
      .find({}, { projection: { _id: 0, aggregateId: 1, version: 1, outbox: 1 } })
      .toArray();

  /** A burst of commands on a few posts: each post's commands in sequence, posts in parallel. */
  async function burst(api: string): Promise<number[]> {
    const statuses: number[] = [];
    const send = async (path: string, as: string, body?: unknown) => {
      const response = await request<{ postId: string }>(`${api}${path}`, {
        method: 'POST',
        as,
        body,
      });
      statuses.push(response.status);
      return response.body;
    };
    await Promise.all(
      Array.from({ length: 4 }, async (_, p) => {
        const { postId } = await send('/posts', `author${p}`, { message: 'Hello' });
        for (let i = 0; i < 5; i++) await send(`/posts/${postId}/likes`, `fan${i}`);
        for (let i = 0; i < 2; i++) {
          await send(`/posts/${postId}/comments`, `fan${i}`, { comment: 'Hi' });
        }
      }),
    );
    return statuses;
  }

  /** Every stored event reached Kafka exactly once, each post's versions 1..n in order. */
  async function expectEveryStoredEventPublishedInOrder(): Promise<void> {
    await eventually(
      async () => expect((await storedEvents()).every((e) => e.outbox === undefined)).toBe(true),
      {
        timeoutMs: 60_000,
      },
    );
    const stored = await storedEvents();
    reader = await readTopic(environment.variables.KAFKA_TOPIC!);
    await eventually(() => expect(reader!.messages.length).toBeGreaterThanOrEqual(stored.length), {
      timeoutMs: 30_000,
    });
    const received = new Map<string, number[]>();
    for (const message of reader.messages) {
      const { aggregateId, version } = JSON.parse(message.value!.toString()) as StoredEvent;
      received.set(aggregateId, [...(received.get(aggregateId) ?? []), version]);
    }
    const expected = new Map<string, number[]>();
    for (const { aggregateId } of stored) {
      const versions = stored.filter((e) => e.aggregateId === aggregateId).map((e) => e.version);
      expected.set(
        aggregateId,
        versions.sort((a, b) => a - b),
      );
    }
    expect(received).toEqual(expected);
  }

  it(
    'accepts commands while Kafka is down, and publishes every one in order once it is back',
    async () => {
      const postCmd = await startPostCmd();
      try {
        await burst(postCmd.api);
        await eventually(async () =>
          expect((await storedEvents()).every((e) => e.outbox === undefined)).toBe(true),
        );

        await servers.kill('kafka');
        const statuses = await burst(postCmd.api);

        expect(statuses).toEqual(Array(statuses.length).fill(201));
        expect((await storedEvents()).filter((e) => e.outbox !== undefined).length).toBe(
          statuses.length,
        );

        await servers.start('kafka');
        await expectEveryStoredEventPublishedInOrder();
      } finally {
        await postCmd.close();
      }
    },
    KAFKA_RESTART_TEST_MS,
  );

  it(
    'publishes after a restart what a killed post-cmd stored but had not yet published',
    async () => {
      await servers.kill('kafka');
      const crashed = await startServiceProcess('post-cmd');
      const statuses = await burst(crashed.api);
      await crashed.kill();

      expect(statuses).toEqual(Array(statuses.length).fill(201));
      expect((await storedEvents()).filter((e) => e.outbox !== undefined).length).toBe(
        statuses.length,
      );

      await servers.start('kafka');
      const restarted = await startServiceProcess('post-cmd');
      try {
        await expectEveryStoredEventPublishedInOrder();
      } finally {
        await restarted.stop();
      }
    },
    KAFKA_RESTART_TEST_MS,
  );
});
