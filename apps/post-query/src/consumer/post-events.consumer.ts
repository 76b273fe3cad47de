import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  decodePostEvent,
  ensurePostEventsTopic,
  type PostEventEnvelope,
} from '@social-posts/post-events';
import { kafkaLogCreator } from '@social-posts/service-runtime';
import { Kafka, logLevel, type Consumer, type EachBatchPayload } from 'kafkajs';
import type { PostQueryEnvironment } from '../config/post-query.environment';
import { PostEventsProjector } from './post-events.projector';

const RECONNECT_DELAY_MS = 2_000;

/**
 * The consumer group that feeds the read models. Each batch is projected in one PostgreSQL
 * transaction and its offset committed only after that transaction commits: a crash in
 * between redelivers the batch, and the projector skips what was already applied.
 */
@Injectable()
export class PostEventsConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(PostEventsConsumer.name);
  private readonly kafka: Kafka;
  private readonly consumer: Consumer;
  private readonly topic: string;
  private readonly partitions: number;
  private stopped = false;

  constructor(
    config: ConfigService<PostQueryEnvironment, true>,
    private readonly projector: PostEventsProjector,
  ) {
    this.kafka = new Kafka({
      clientId: config.get('KAFKA_CLIENT_ID', { infer: true }),
      brokers: config.get('KAFKA_BROKERS', { infer: true }).split(','),
      connectionTimeout: 3_000,
      logLevel: logLevel.WARN,
      logCreator: kafkaLogCreator,
    });
    this.consumer = this.kafka.consumer({ groupId: config.get('KAFKA_GROUP_ID', { infer: true }) });
    this.topic = config.get('KAFKA_TOPIC', { infer: true });
    this.partitions = config.get('KAFKA_TOPIC_PARTITIONS', { infer: true });
  }

  /** Starts in the background: queries are served while Kafka is still unreachable. */
  onApplicationBootstrap(): void {
    void this.startWhenReachable();
  }

  /** Leaves the group (finishing the batch in flight) before PostgreSQL connections close. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.consumer.disconnect();
  }

  private async startWhenReachable(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.start();
        return;
      } catch (error) {
        this.logger.warn(`cannot consume yet (${String(error)}); retrying`);
        await new Promise((resolve) => setTimeout(resolve, RECONNECT_DELAY_MS));
      }
    }
  }

  private async start(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await ensurePostEventsTopic(admin, this.topic, this.partitions);
    } finally {
      await admin.disconnect();
    }
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.project(payload),
    });
    this.logger.log(`consuming ${this.topic}`);
  }

  private async project(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const events: PostEventEnvelope[] = [];
    for (const message of batch.messages) {
      const decoded = decodePostEvent(message.value);
      if (decoded.ok) {
        events.push(decoded.envelope);
      } else {
        this.logger.error(
          `skipping ${batch.topic}/${batch.partition}@${message.offset}: ${decoded.reason}`,
        );
      }
    }
    await this.projector.apply(events);
    const last = batch.lastOffset();
    await this.consumer.commitOffsets([
      { topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() },
    ]);
    payload.resolveOffset(last);
    await payload.heartbeat();
  }
}
