import { randomUUID } from 'node:crypto';
import type { PostEventEnvelope } from '@social-posts/post-events';
import { eventually } from '@test/support/eventually';
import { isolatedEnvironment, type IsolatedEnvironment } from '@test/support/isolated-environment';
import { postCreatedEnvelope } from '@test/support/post-event-fixtures';
import { readTopic, type TopicReader } from '@test/support/topic-reader';
import { outboxSlotOf } from '../event-store/event-document';
import { MongoEventStore } from '../event-store/mongo-event-store';
import { MongoOutbox } from './mongo-outbox';
import { OutboxRelay } from './outbox-relay';
import { PublishingTurns } from './publishing-turns';
import { relayParts, type RelayParts } from './testing/relay-parts';

/**
 * The relay publishes what its own process appended from memory, and reads a slot back only
 * when another instance may have left something of the post ahead of it.
 */
describe('OutboxRelay publishing from memory (against real MongoDB-compatible and Kafka servers)', () => {
  let environment: IsolatedEnvironment;
  let parts: RelayParts;
  let reader: TopicReader;
  /** The outbox slots the relay read, in order. */
  let slotReads: number[] = [];

  beforeAll(async () => {
    environment = await isolatedEnvironment('relay_memory');
    parts = await relayParts(environment);
    parts.connection.db.client.on('commandStarted', ({ commandName, command }) => {
      const filter = command.filter as { outbox?: unknown } | undefined;
      if (commandName === 'find' && typeof filter?.outbox === 'number') {
        slotReads.push(filter.outbox);
      }
    });
    reader = await readTopic(environment.variables.KAFKA_TOPIC!);
    // The first pass reads every slot (the sweep at start): out of the way of what is counted.
    await parts.relay.publishPending();
  });

  afterAll(async () => {
    await reader?.stop();
    await parts?.sink.onApplicationShutdown();
    await parts?.connection.onApplicationShutdown();
    await environment?.cleanup();
  });

  const versionsOnTopic = (postId: string) =>
    reader.messages
      .filter((message) => message.key?.toString() === postId)
      .map((message) => (JSON.parse(message.value!.toString()) as PostEventEnvelope).version);

  it('publishes the next version of a post it published without reading the post’s slot', async () => {
    const postId = randomUUID();
    await parts.store.append(postCreatedEnvelope(postId));
    await parts.relay.publishPending();
    slotReads = [];

    await parts.store.append(postCreatedEnvelope(postId, { version: 2 }));
    expect(await parts.relay.publishPending()).toBe(1);

    expect(slotReads).not.toContain(outboxSlotOf(postId));
    await eventually(() => expect(versionsOnTopic(postId)).toEqual([1, 2]));
    expect(await parts.outbox.findUnpublished(outboxSlotOf(postId))).toEqual([]);
  });

  it('reads the slot when another instance appended the version before, so the post stays in order', async () => {
    // Another post-cmd: its own store and relay over the same database, its relay not running.
    const otherStore = new MongoEventStore(parts.connection);
    const otherRelay = new OutboxRelay(
      new MongoOutbox(parts.connection, otherStore),
      parts.sink,
      parts.metrics,
      new PublishingTurns(),
    );
    const postId = randomUUID();
    await parts.store.append(postCreatedEnvelope(postId));
    await parts.relay.publishPending();
    await otherStore.append(postCreatedEnvelope(postId, { version: 2 }));
    slotReads = [];

    await parts.store.append(postCreatedEnvelope(postId, { version: 3 }));
    expect(await parts.relay.publishPending()).toBe(2);

    expect(slotReads).toContain(outboxSlotOf(postId));
    await eventually(() => expect(versionsOnTopic(postId)).toEqual([1, 2, 3]));
    // The other instance's relay finds nothing of it left to publish.
    expect(await otherRelay.publishPending()).toBe(0);
  });
});
