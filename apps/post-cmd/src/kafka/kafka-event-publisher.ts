import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  ensurePostEventsTopic,
  toPostEventMessage,
  type PostEventEnvelope,
} from '@social-posts/post-events';
import { kafkaLogCreator } from '@social-posts/service-runtime';
import { Kafka, Partitioners, logLevel, type Producer } from 'kafkajs';
import type { PostCmdEnvironment } from '../config/post-cmd.environment';
import type { EventPublisher } from '../event-store/event-publisher.port';

/**
 * Kafka producer for the outbox relay: idempotent (so the broker drops its own retried
 * duplicates and keeps order), every send acknowledged by all in-sync replicas, key = post id.
 * It connects on first use, so post-cmd starts and accepts commands while Kafka is down.
 */
@Injectable()
export class KafkaEventPublisher implements EventPublisher, OnApplicationShutdown {
  private readonly logger = new Logger(KafkaEventPublisher.name);
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly topic: string;
  private readonly partitions: number;
  private connected: Promise<void> | undefined;

  constructor(config: ConfigService<PostCmdEnvironment, true>) {
    this.kafka = new Kafka({
      clientId: config.get('KAFKA_CLIENT_ID', { infer: true }),
      brokers: config.get('KAFKA_BROKERS', { infer: true }).split(','),
      connectionTimeout: 3_000,
      retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 2_000 },
      logLevel: logLevel.WARN,
      logCreator: kafkaLogCreator,
    });
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.topic = config.get('KAFKA_TOPIC', { infer: true });
    this.partitions = config.get('KAFKA_TOPIC_PARTITIONS', { infer: true });
  }

  async publish(events: readonly PostEventEnvelope[]): Promise<void> {
    await this.connect();
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: events.map(toPostEventMessage),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.connected) await this.producer.disconnect();
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
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await ensurePostEventsTopic(admin, this.topic, this.partitions);
    } finally {
      await admin.disconnect();
    }
    this.logger.log(`connected; publishing to ${this.topic}`);
  }
}
