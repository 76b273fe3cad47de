import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HealthIndicatorService, type HealthIndicatorFunction } from '@nestjs/terminus';
import { dependencyCheck, KafkaPing, type Readiness } from '@social-posts/service-runtime';
import type { PostCmdEnvironment } from '../config/post-cmd.environment';
import { MongoConnection } from '../event-store/mongo-connection';

/** post-cmd is ready when its event store and Kafka answer. */
@Injectable()
export class PostCmdReadiness implements Readiness, OnApplicationShutdown {
  private readonly kafka: KafkaPing;
  readonly checks: readonly HealthIndicatorFunction[];

  constructor(
    indicators: HealthIndicatorService,
    connection: MongoConnection,
    config: ConfigService<PostCmdEnvironment, true>,
  ) {
    this.kafka = new KafkaPing(
      config.get('KAFKA_BROKERS', { infer: true }).split(','),
      config.get('KAFKA_CLIENT_ID', { infer: true }),
    );
    this.checks = [
      dependencyCheck(indicators, 'eventStore', () => connection.db.command({ ping: 1 })),
      dependencyCheck(indicators, 'kafka', () => this.kafka.ping()),
    ];
  }

  async onApplicationShutdown(): Promise<void> {
    await this.kafka.close();
  }
}
