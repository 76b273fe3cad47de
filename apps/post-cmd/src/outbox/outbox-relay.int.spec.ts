import { randomUUID } from 'node:crypto';
import { POST_EVENT_HEADERS, type PostEventEnvelope } from '@social-posts/post-events';
import { eventually } from '@test/support/eventually';
import { isolatedEnvironment, type IsolatedEnvironment } from '@test/support/isolated-environment';
import { postCreatedEnvelope } from '@test/support/post-event-fixtures';
import { readTopic, type TopicReader } from '@test/support/topic-reader';
import { type KafkaEventSink } from '../kafka/kafka-event-sink';
import { type MongoConnection } from '../event-store/mongo-connection';
import { outboxSlotOf } from '../event-store/event-document';
import { type MongoEventStore } from '../event-store/mongo-event-store';
import { type MongoOutbox } from './mongo-outbox';
import { type OutboxRelay } from './outbox-relay';
import { relayParts } from './testing/relay-parts';

describe('OutboxRelay with the Kafka sink (against real MongoDB-compatible and Kafka servers)', () => {
  let environment: IsolatedEnvironment;
  let connection: MongoConnection;
  let store: MongoEventStore;
  let sink: KafkaEventSink;
  let outbox: MongoOutbox;
  let relay: OutboxRelay;
  let anotherRelay: () => OutboxRelay;
  let reader: TopicReader;

  beforeAll(async () => {
    environment = await isolatedEnvironment('relay');
    ({ connection, store, outbox, sink, relay, anotherRelay } = await relayParts(environment));
  });

  afterAll(async () => {
    await relay?.beforeApplicationShutdown();
    await reader?.stop();
    await sink?.onApplicationShutdown();
    await connection?.onApplicationShutdown();
    await environment?.cleanup();
  });

  it('publishes stored events keyed by post id, with type and correlation headers, each post in order', async () => {
    const posts = [randomUUID(), randomUUID(), randomUUID()];
    const stored: PostEventEnvelope[] = [];
    for (const version of [1, 2, 3]) {
      for (const postId of posts) {
        const event = postCreatedEnvelope(postId, { version });
        await store.append(event);
        stored.push(event);
      }
    }

    expect(await relay.publishPending()).toBe(9);

    reader = await readTopic(environment.variables.KAFKA_TOPIC!);
    await eventually(() => expect(reader.messages).toHaveLength(9));
    for (const postId of posts) {
      const ofPost = reader.messages.filter((message) => message.key?.toString() === postId);
      const envelopes = ofPost.map(
        (message) => JSON.parse(message.value!.toString()) as PostEventEnvelope,
      );
      expect(envelopes).toEqual(stored.filter((event) => event.aggregateId === postId));
      for (const message of ofPost) {
        const envelope = JSON.parse(message.value!.toString()) as PostEventEnvelope;
        expect(message.headers?.[POST_EVENT_HEADERS.eventType]?.toString()).toBe('PostCreated');
        expect(message.headers?.[POST_EVENT_HEADERS.correlationId]?.toString()).toBe(
          envelope.metadata.correlationId,
        );
      }
    }
  });

  it('marks what it published, so the next pass publishes nothing', async () => {
    await store.append(postCreatedEnvelope());
    expect(await relay.publishPending()).toBe(1);
    expect(await relay.publishPending()).toBe(0);
  });

  it('keeps each post in order when two relays publish the same store at once', async () => {
    const secondRelay = anotherRelay();
    const posts = Array.from({ length: 5 }, () => randomUUID());
    for (const version of [1, 2, 3, 4]) {
      for (const postId of posts) await store.append(postCreatedEnvelope(postId, { version }));
    }
    const from = reader.messages;

    await Promise.all([relay.publishPending(), secondRelay.publishPending()]);

    await eventually(() => {
      const keys = new Set(from.map((message) => message.key?.toString()));
      for (const postId of posts) expect(keys).toContain(postId);
    });
    await eventually(() => {
      for (const postId of posts) {
        const versions = from
          .filter((message) => message.key?.toString() === postId)
          .map((message) => (JSON.parse(message.value!.toString()) as PostEventEnvelope).version);
        // A duplicate is harmless (the read side skips it); a version before its predecessor is not.
        const firstSeen = versions.filter((version, index) => versions.indexOf(version) === index);
        expect(firstSeen).toEqual([1, 2, 3, 4]);
      }
    });
  });

  it('publishes an append within moments once running, woken by the append itself', async () => {
    relay.onApplicationBootstrap();
    const event = postCreatedEnvelope();
    await store.append(event);

    await eventually(() => {
      const keys = reader.messages.map((message) => message.key?.toString());
      expect(keys).toContain(event.aggregateId);
    });
    expect(await outbox.findUnpublished(outboxSlotOf(event.aggregateId))).toEqual([]);
  });
});
