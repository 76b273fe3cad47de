import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { MAX_MESSAGE_LENGTH, type PostEventEnvelope } from '@social-posts/post-events';
import { ConfigResourceTypes, Kafka, logLevel, type Admin } from 'kafkajs';
import { eventually } from '@test/support/eventually';
import { isolatedEnvironment, type IsolatedEnvironment } from '@test/support/isolated-environment';
import { envelope, postCreatedEnvelope } from '@test/support/post-event-fixtures';
import { readTopic, type TopicReader } from '@test/support/topic-reader';
import { type KafkaEventSink } from '../kafka/kafka-event-sink';
import { outboxSlotOf } from '../event-store/event-document';
import { type MongoConnection } from '../event-store/mongo-connection';
import { type MongoEventStore } from '../event-store/mongo-event-store';
import { type MongoOutbox } from './mongo-outbox';
import { type OutboxRelay } from './outbox-relay';
import { relayParts } from './testing/relay-parts';

/** The topic's `max.message.bytes`: what the broker takes in one partition's batch of a send. */
const LIMIT = 64 * 1024;

describe('OutboxRelay under the broker’s message size limit (real MongoDB-compatible and Kafka servers)', () => {
  let environment: IsolatedEnvironment;
  let admin: Admin;
  let connection: MongoConnection;
  let store: MongoEventStore;
  let sink: KafkaEventSink;
  let outbox: MongoOutbox;
  let relay: OutboxRelay;
  let reader: TopicReader;
  let topic: string;

  /** Changes the topic's limit, and waits until the broker applies it. */
  const setTopicLimit = async (bytes: number) => {
    const resource = { type: ConfigResourceTypes.TOPIC, name: topic };
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        { ...resource, configEntries: [{ name: 'max.message.bytes', value: String(bytes) }] },
      ],
    });
    await eventually(async () => {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ ...resource, configNames: ['max.message.bytes'] }],
      });
      expect(resources[0]!.configEntries[0]!.configValue).toBe(String(bytes));
    });
  };

  beforeAll(async () => {
    environment = await isolatedEnvironment('relay_size');
    topic = environment.variables.KAFKA_TOPIC!;
    admin = new Kafka({
      brokers: process.env.KAFKA_BROKERS!.split(','),
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    await admin.createTopics({
      topics: [
        {
          topic,
          numPartitions: Number(environment.variables.KAFKA_TOPIC_PARTITIONS),
          configEntries: [{ name: 'max.message.bytes', value: String(LIMIT) }],
        },
      ],
      waitForLeaders: true,
    });
    ({ connection, store, outbox, sink, relay } = await relayParts(environment));
    reader = await readTopic(topic);
  });

  afterAll(async () => {
    await reader?.stop();
    await sink?.onApplicationShutdown();
    await connection?.onApplicationShutdown();
    await admin?.disconnect();
    await environment?.cleanup();
  });

  /** The largest post the rules allow: 2,000 emoji, about 8 kB of UTF-8. */
  const largest = (postId = randomUUID()) =>
    postCreatedEnvelope(postId, {
      data: {
        postId,
        author: 'ada',
        message: '😀'.repeat(MAX_MESSAGE_LENGTH),
        datePosted: '2026-11-25T10:00:00.000Z',
      },
    });

  const versionsOnTopic = (postId: string) =>
    reader.messages
      .filter((message) => message.key?.toString() === postId)
      .map((message) => (JSON.parse(message.value!.toString()) as PostEventEnvelope).version);

  it('publishes a backlog many times larger than the broker takes at once, in sends it accepts', async () => {
    const events = Array.from({ length: 300 }, () => largest());
    for (const event of events) await store.append(event);

    expect(await relay.publishPending()).toBe(300);

    await eventually(() => expect(reader.messages).toHaveLength(300));
    const slots = new Set(events.map((event) => outboxSlotOf(event.aggregateId)));
    for (const slot of slots) expect(await outbox.findUnpublished(slot)).toEqual([]);
  });

  it('reports an event the broker refuses, holds back only its post’s later events, and publishes it once the broker takes it', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error');
    const postId = randomUUID();
    const other = randomUUID();
    const liked = (version: number) =>
      envelope(postId, version, 'PostLiked', {
        postId,
        username: `user-${version}`,
        likedAt: '2026-11-25T10:00:00.000Z',
      });
    // Version 1 is the large one; the broker will take only small messages for a while.
    for (const event of [largest(postId), liked(2), liked(3), postCreatedEnvelope(other)]) {
      await store.append(event);
    }
    await setTopicLimit(4 * 1024);
    try {
      expect(await relay.publishPending()).toBe(1);
      // Once or twice: the broker may have appended it from the request it refused as a whole
      // (its other partition's batch was too large), before the halves were sent. The read side
      // skips the duplicate.
      await eventually(() => expect(new Set(versionsOnTopic(other))).toEqual(new Set([1])));
      expect(versionsOnTopic(postId)).toEqual([]);
      expect(errors).toHaveBeenCalledWith(expect.stringContaining(`post ${postId} version 1`));
      expect(await outbox.findUnpublished(outboxSlotOf(postId))).toHaveLength(3);
    } finally {
      await setTopicLimit(LIMIT);
      errors.mockRestore();
    }

    await eventually(async () => expect(await relay.publishPending()).toBe(3));
    await eventually(() => expect(versionsOnTopic(postId)).toEqual([1, 2, 3]));
  });
});
