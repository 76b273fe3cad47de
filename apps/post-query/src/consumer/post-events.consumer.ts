import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  POST_EVENT_HEADERS,
  ensurePostEventsTopic,
  toPostEventMessage,
} from '@social-posts/post-events';
import { KafkaClients, RestartingConsumer, Turns, WorkLoop } from '@social-posts/service-runtime';
import { inProcessSpan, TRACEPARENT } from '@social-posts/tracing';
import {
  type Consumer,
  type Kafka,
  type EachBatchPayload,
  type KafkaMessage,
  type Producer,
} from 'kafkajs';
import type { PostQueryEnvironment } from '../config/post-query.environment';
import {
  deadLetterTopic,
  publishDeadLetters,
  type DeadLetter,
  type DeadLetterSource,
} from './dead-letter-publisher';
import { sortBatch, type ReadableMessage, type SortedBatch } from './batch-sorting';
import { OpenedEvents } from './opened-events';
import { ParkedPosts } from './parked-posts';
import { PostEventsProjector, type RejectedPost } from '../projections/post-events.projector';
import { ConsumerMetrics } from './consumer-metrics';
import { HeldEvents, type HeldPost } from '../projections/held-events';
import { overdueGaps } from '../projections/overdue-gaps';
import { ProjectionPositions } from '../projections/projection-positions';

/** How often held events are checked for gaps open too long. */
const GAP_CHECK_MS = 1_000;

/**
 * The consumer group that feeds the read models. For each batch:
 * 1. messages it cannot read go to the dead-letter topic, and their post (the key) is parked:
 *    its later messages follow them there, in order, while every other post goes on;
 * 2. the readable events are projected in one PostgreSQL transaction; a post whose events
 *    PostgreSQL refuses (a value it cannot store) is parked the same way, its events in the
 *    batch and those held for it dead-lettered, while the batch's other posts are applied;
 * 3. only then is the offset committed. A crash in between redelivers the batch: the projector
 *    skips what was applied, and a dead letter may be sent twice (never lost).
 * Events held for a gap longer than GAP_TIMEOUT_MS are dead-lettered and their post parked,
 * the same way. Batches and that check take turns, so they never see each other half done.
 */
@Injectable()
export class PostEventsConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(PostEventsConsumer.name);
  private readonly kafka: Kafka;
  /** Started again after a crash (Kafka gone), until the service shuts down. */
  private readonly reading: RestartingConsumer;
  private readonly consumer: Consumer;
  private readonly deadLetters: Producer;
  private readonly topic: string;
  private readonly gapTimeoutMs: number;
  /** A member of the group with partitions assigned (or none left to assign), between rebalances. */
  private member = false;
  private started = false;
  private readonly loop = new WorkLoop(
    { activity: 'consuming', logger: this.logger, idleMs: GAP_CHECK_MS },
    () => this.pass(),
  );
  /** Batches and the gap check, one at a time. */
  private readonly turns = new Turns();

  constructor(
    config: ConfigService<PostQueryEnvironment, true>,
    private readonly clients: KafkaClients,
    private readonly projector: PostEventsProjector,
    private readonly parkedPosts: ParkedPosts,
    private readonly heldEvents: HeldEvents,
    private readonly positions: ProjectionPositions,
    private readonly metrics: ConsumerMetrics,
    private readonly openedEvents: OpenedEvents,
  ) {
    this.kafka = clients.client();
    this.reading = new RestartingConsumer(this.kafka, {
      config: {
        groupId: config.get('KAFKA_GROUP_ID', { infer: true }),
        // A batch is one transaction: fetching 4 MB per partition (default 1 MB) took catch-up
        // from ~17k to ~22k events/s (bench/README.md). Small batches still come at once.
        maxBytesPerPartition: 4 * 1024 * 1024,
      },
      run: (consumer) => this.consume(consumer),
      onRestartFailed: (error) =>
        this.logger.warn(`the consumer could not restart (${String(error)}); trying again`),
    });
    this.consumer = this.reading.consumer;
    this.deadLetters = this.kafka.producer();
    this.topic = clients.topic;
    this.gapTimeoutMs = config.get('GAP_TIMEOUT_MS', { infer: true });
  }

  /** Whether it has joined its group and consumes: readiness asks. */
  get joined(): boolean {
    return this.member;
  }

  /** Starts in the background: queries are served while Kafka is still unreachable. */
  onApplicationBootstrap(): void {
    this.loop.start();
  }

  /** Leaves the group (finishing the batch in flight) before PostgreSQL connections close. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
    await this.reading.stop();
    await this.deadLetters.disconnect();
  }

  /** Joins once Kafka answers (retried with back-off), then checks the held events' gaps. */
  private async pass(): Promise<boolean> {
    if (!this.started) {
      await this.start();
      this.started = true;
    } else {
      await this.turns.take(() => this.parkStaleGaps());
    }
    return false;
  }

  private async start(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await ensurePostEventsTopic(admin, this.topic, this.clients.topicSettings);
      await ensurePostEventsTopic(admin, deadLetterTopic(this.topic), this.clients.topicSettings);
    } finally {
      await admin.disconnect();
    }
    await this.deadLetters.connect();
    const { GROUP_JOIN, REBALANCING, CRASH, DISCONNECT, STOP } = this.consumer.events;
    this.consumer.on(GROUP_JOIN, () => (this.member = true));
    for (const left of [REBALANCING, CRASH, DISCONNECT, STOP]) {
      this.consumer.on(left, () => (this.member = false));
    }
    await this.reading.start();
    this.logger.log(`consuming ${this.topic}`);
  }

  /** Subscribes and runs: at the start, and again after a crash. */
  private async consume(consumer: Consumer): Promise<void> {
    await consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.turns.take(() => this.traced(payload)),
    });
  }

  /** A post whose missing version has not arrived within the bound is parked, its held events dead-lettered. */
  private async parkStaleGaps(): Promise<void> {
    const held = await this.heldEvents.byPost();
    const liveNext = await this.positions.liveNext(held.map((post) => post.postId));
    for (const { post, reason } of overdueGaps(held, liveNext, new Date(), this.gapTimeoutMs)) {
      await this.deadLetterHeld(post, reason);
      this.logger.error(`parked: ${reason}; ${post.events.length} held event(s) dead-lettered`);
    }
  }

  /** Projects a batch within the span that continues its messages' traces (if tracing is on). */
  private traced(payload: EachBatchPayload): Promise<void> {
    const { topic, messages } = payload.batch;
    const traceparents = messages.map((message) => message.headers?.[TRACEPARENT]?.toString());
    return inProcessSpan(topic, traceparents, () => this.project(payload));
  }

  private async project(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const done = this.metrics.startBatch(batch.messages.length);
    const { readable, deadLetters, parkings } = await this.sort(batch.messages);

    await this.publishDeadLetters(batch, deadLetters);
    for (const { message, reason } of deadLetters) {
      this.logger.error({
        msg:
          `dead-lettered ${batch.topic}/${batch.partition}@${message.offset} ` +
          `(post ${message.key?.toString() ?? 'without key'}): ${reason}`,
        correlationId: message.headers?.[POST_EVENT_HEADERS.correlationId]?.toString(),
      });
    }
    for (const [postKey, { reason, count }] of parkings) {
      await this.parkedPosts.record(postKey, reason, count);
    }

    const deliveries = new Map(
      readable.map(({ message, envelope }) => [
        envelope.eventId,
        {
          partition: batch.partition,
          offset: message.offset,
          publishedAt: new Date(Number(message.timestamp)),
        },
      ]),
    );
    const outcome = await this.projector.apply(
      readable.map(({ envelope }) => envelope),
      deliveries,
    );
    if (outcome.held > 0) this.logger.warn(`${outcome.held} event(s) held for missing versions`);
    for (const post of outcome.rejected) await this.parkRejected(batch, post, readable);

    const last = batch.lastOffset();
    await this.consumer.commitOffsets([
      { topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() },
    ]);
    payload.resolveOffset(last);
    await payload.heartbeat();
    done(batch.partition, batch.offsetLag());
  }

  private async publishDeadLetters(
    source: DeadLetterSource,
    deadLetters: readonly DeadLetter[],
  ): Promise<void> {
    await publishDeadLetters(this.deadLetters, source, deadLetters);
    this.metrics.deadLettered(deadLetters.length);
  }

  /** Dead-letters a post's held events (rebuilt from their envelopes), then parks it. */
  private async deadLetterHeld(post: HeldPost, reason: string): Promise<void> {
    const deadLetters = post.events.map((event) => ({
      message: toPostEventMessage(event),
      reason,
    }));
    await this.publishDeadLetters({ topic: this.topic }, deadLetters);
    await this.parkedPosts.record(post.postId, reason, post.events.length);
    await this.heldEvents.drop(post.postId);
  }

  /** Dead-letters what the batch and pending_events hold of a post PostgreSQL refused, and parks it. */
  private async parkRejected(
    batch: EachBatchPayload['batch'],
    { postId, reason }: RejectedPost,
    readable: readonly ReadableMessage[],
  ): Promise<void> {
    const inBatch = readable
      .filter(({ envelope }) => envelope.aggregateId === postId)
      .map(({ message }) => ({ message, reason }));
    await this.publishDeadLetters(batch, inBatch);
    await this.parkedPosts.record(postId, reason, inBatch.length);
    for (const held of await this.heldEvents.byPost(postId)) {
      await this.deadLetterHeld(held, reason);
    }
    this.logger.error(`parked post ${postId}: ${reason}; its events are dead-lettered`);
  }

  /** The batch's events opened, sorted by `sortBatch` given the posts parked before it. */
  private async sort(messages: readonly KafkaMessage[]): Promise<SortedBatch> {
    const keys = messages.flatMap((message) => (message.key ? [message.key.toString()] : []));
    const [events, parked] = await Promise.all([
      this.openedEvents.of(messages),
      this.parkedPosts.among(keys),
    ]);
    return sortBatch(messages, events, parked);
  }
}
