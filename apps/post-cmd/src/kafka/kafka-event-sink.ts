import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import {
  ensurePostEventsTopic,
  toPostEventMessage,
  type EventEnvelope,
  type PostEventMessage,
} from '@social-posts/post-events';
import { KafkaClients } from '@social-posts/service-runtime';
import { startSendSpan, TRACEPARENT, type SendSpan } from '@social-posts/tracing';
import { ConfigResourceTypes, Partitioners, type Admin, type Kafka, type Producer } from 'kafkajs';
import type { EventSink, PublishOutcome, RefusedEvent } from '../outbox/event-sink.port';
import { boundedSends, recordBytes } from './bounded-sends';
import { keyPartitions } from './key-partitions';

/** The broker's default `max.message.bytes`, for a topic whose own cannot be read. */
const DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;

interface Outgoing<E extends EventEnvelope> {
  readonly event: E;
  readonly message: PostEventMessage;
  readonly bytes: number;
  /** Present when the event carries its command's trace context (tracing was on). */
  readonly span: SendSpan | undefined;
}

/** The event's message, with the `traceparent` header of its send span if it has one. */
function outgoing<E extends EventEnvelope>(event: E, topic: string): Outgoing<E> {
  const span = startSendSpan(topic, event.metadata.traceparent);
  const plain = toPostEventMessage(event);
  const message =
    span?.traceparent === undefined
      ? plain
      : { ...plain, headers: { ...plain.headers, [TRACEPARENT]: span.traceparent } };
  return { event, message, bytes: recordBytes(message), span };
}

/** The broker's answer to a batch larger than the topic's `max.message.bytes`. */
function isTooLarge(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = (cause as { cause?: unknown }).cause) {
    const { type } = cause as { type?: unknown };
    if (type === 'MESSAGE_TOO_LARGE' || type === 'RECORD_LIST_TOO_LARGE') return true;
  }
  return false;
}

/**
 * Kafka producer for the outbox relay: idempotent (so the broker drops its own retried
 * duplicates and keeps order), every send acknowledged by all in-sync replicas, key = post id.
 * It connects on first use, so post-cmd starts and accepts commands while Kafka is down.
 *
 * Sends are bounded by the topic's `max.message.bytes` (kafkajs would send any number of
 * events as one request, and the broker refuses it whole). If the broker still refuses a send
 * (the limit was lowered), it is split in halves down to the event it refuses; that event and
 * its post's later ones are reported, and every other post goes on.
 */
@Injectable()
export class KafkaEventSink implements EventSink, OnApplicationShutdown {
  private readonly logger = new Logger(KafkaEventSink.name);
  private readonly kafka: Kafka;
  private producer: Producer;
  private readonly topic: string;
  private connected: Promise<void> | undefined;
  private maxSendBytes = DEFAULT_MAX_MESSAGE_BYTES;
  /** A key's partition, from the topic's partition count read at each connect. */
  private partitionOf: ((key: string) => number) | undefined;

  constructor(private readonly clients: KafkaClients) {
    this.kafka = clients.client({
      retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 2_000 },
    });
    this.producer = this.newProducer();
    this.topic = clients.topic;
  }

  async publish<E extends EventEnvelope>(events: readonly E[]): Promise<PublishOutcome<E>> {
    await this.connect();
    const published: E[] = [];
    const refused: RefusedEvent<E>[] = [];
    /** Posts with a refused event, and its version. */
    const stopped = new Map<string, number>();

    const sendInOrder = async (items: readonly Outgoing<E>[]): Promise<void> => {
      for (const send of boundedSends(items, (item) => item.bytes, this.maxSendBytes)) {
        const sendable = send.filter(({ event }) => {
          const refusedVersion = stopped.get(event.aggregateId);
          if (refusedVersion === undefined) return true;
          refused.push({
            event,
            reason: `held back behind version ${refusedVersion}, which the broker refused`,
          });
          return false;
        });
        if (sendable.length === 0) continue;
        try {
          await this.sendByPartition(sendable.map(({ message }) => message));
          published.push(...sendable.map(({ event }) => event));
          // Taken although larger than the limit last read: the limit was raised since.
          if (sendable[0]!.bytes > this.maxSendBytes) await this.readLimit();
        } catch (error) {
          if (!isTooLarge(error)) {
            this.replaceProducer();
            throw error;
          }
          await this.afterRefusal(sendable.length);
          if (sendable.length === 1) {
            const [{ event, bytes }] = sendable as [Outgoing<E>];
            stopped.set(event.aggregateId, event.version);
            refused.push({
              event,
              reason: `the broker refused it (${bytes} bytes; the topic takes ${this.maxSendBytes}): ${String(error)}`,
            });
            continue;
          }
          const half = Math.ceil(sendable.length / 2);
          await sendInOrder(sendable.slice(0, half));
          await sendInOrder(sendable.slice(half));
        }
      }
    };

    const items = events.map((event) => outgoing(event, this.topic));
    try {
      await sendInOrder(items);
    } catch (error) {
      for (const { span } of items) span?.end(String(error));
      throw error;
    }
    const refusals = new Map(refused.map(({ event, reason }) => [event.eventId, reason]));
    for (const { event, span } of items) span?.end(refusals.get(event.eventId));
    return { published, refused };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.connected) await this.producer.disconnect();
  }

  /**
   * One `producer.send` per partition, all at once; rejects if any of them failed (the others'
   * messages are sent again with the rest, which the read side skips). Not one send for all:
   * kafkajs retries a failed send only to the brokers that have not answered it, so when a
   * partition's leader dies and its new leader is a broker that already answered for another
   * partition, that partition's messages are never sent again and the send resolves as if they
   * had been. The relay marked them published; the post's next event reached the topic before
   * them (found by the scale-out suite, a leader SIGKILLed under load; kafkajs PR #1798). A send
   * to one partition has one broker to retry: the partition's leader of the moment.
   */
  private async sendByPartition(messages: readonly PostEventMessage[]): Promise<void> {
    const partitionOf = this.partitionOf;
    if (partitionOf === undefined) throw new Error('the producer has not connected');
    const byPartition = new Map<number, (PostEventMessage & { partition: number })[]>();
    for (const message of messages) {
      const partition = partitionOf(message.key);
      const group = byPartition.get(partition) ?? [];
      group.push({ ...message, partition });
      byPartition.set(partition, group);
    }
    const sends = await Promise.allSettled(
      [...byPartition.values()].map((group) =>
        this.producer.send({ topic: this.topic, acks: -1, messages: group }),
      ),
    );
    const failed = sends.find((send) => send.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private newProducer(): Producer {
    return this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  /**
   * After the broker refused a send: its limit may have changed, so it is read again; and the
   * producer is replaced if the send held several messages (see replaceProducer).
   */
  private async afterRefusal(messagesInSend: number): Promise<void> {
    await this.readLimit();
    if (messagesInSend === 1) return;
    this.replaceProducer();
    // The halves are sent next, in this same publish.
    await this.connect();
  }

  /**
   * After a failed send, the broker may have appended some of its batches (another partition's,
   * or this one's before the answer was lost) while kafkajs rewound their sequence numbers. The
   * next send, holding other messages, would reuse them: the broker then refuses it as out of
   * order (what the suite saw), or, where the numbers match a batch it has, may take it for a
   * duplicate and not append it: an event marked published that never reached the topic. A new
   * producer (a new
   * producer id) numbers afresh; what was appended is sent again, which the read side skips.
   * Found by the scale-out suite: a leader SIGKILLed under load (docs/10-scaling-out.md).
   */
  private replaceProducer(): void {
    const old = this.producer;
    this.producer = this.newProducer();
    this.connected = undefined;
    // Not awaited: a disconnect from a broker that is gone may take its time, and the relay
    // holds the publishing turn meanwhile.
    void old.disconnect().catch(() => undefined);
  }

  private async readLimit(): Promise<void> {
    this.maxSendBytes = await this.withAdmin((admin) => this.readMaxMessageBytes(admin));
  }

  private connect(): Promise<void> {
    this.connected ??= this.connectOnce().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    return this.connected;
  }

  private async connectOnce(): Promise<void> {
    await this.producer.connect();
    const partitions = await this.withAdmin(async (admin) => {
      await ensurePostEventsTopic(admin, this.topic, this.clients.topicSettings);
      this.maxSendBytes = await this.readMaxMessageBytes(admin);
      const { topics } = await admin.fetchTopicMetadata({ topics: [this.topic] });
      return topics[0]!.partitions.length;
    });
    this.partitionOf = keyPartitions(this.topic, partitions);
    this.logger.log(
      `connected; publishing to ${this.topic} (${partitions} partitions, sends of at most ${this.maxSendBytes} bytes)`,
    );
  }

  private async withAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      return await work(admin);
    } finally {
      await admin.disconnect();
    }
  }

  /** The topic's `max.message.bytes`: the largest batch of one partition the broker takes. */
  private async readMaxMessageBytes(admin: Admin): Promise<number> {
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [
        { type: ConfigResourceTypes.TOPIC, name: this.topic, configNames: ['max.message.bytes'] },
      ],
    });
    const value = Number(resources[0]?.configEntries[0]?.configValue);
    return Number.isSafeInteger(value) && value > 0 ? value : DEFAULT_MAX_MESSAGE_BYTES;
  }
}
