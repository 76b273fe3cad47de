import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  HealthIndicatorService,
  TypeOrmHealthIndicator,
  type HealthIndicatorFunction,
} from '@nestjs/terminus';
import {
  dependencyCheck,
  KafkaPing,
  READINESS_CHECK_TIMEOUT_MS,
  type Readiness,
} from '@social-posts/service-runtime';
import { DataSource } from 'typeorm';
import type { PostQueryEnvironment } from '../config/post-query.environment';
import { PostEventsConsumer } from '../consumer/post-events.consumer';

/**
 * post-query is ready when PostgreSQL answers with every migration applied, Kafka answers, and
 * its consumer is a member of its group (so that the read model is being kept up to date).
 */
@Injectable()
export class PostQueryReadiness implements Readiness, OnApplicationShutdown {
  private readonly kafka: KafkaPing;
  readonly checks: readonly HealthIndicatorFunction[];

  constructor(
    indicators: HealthIndicatorService,
    database: TypeOrmHealthIndicator,
    dataSource: DataSource,
    consumer: PostEventsConsumer,
    config: ConfigService<PostQueryEnvironment, true>,
  ) {
    this.kafka = new KafkaPing(
      config.get('KAFKA_BROKERS', { infer: true }).split(','),
      config.get('KAFKA_CLIENT_ID', { infer: true }),
    );
    this.checks = [
      () => database.pingCheck('database', { timeout: READINESS_CHECK_TIMEOUT_MS }),
      dependencyCheck(indicators, 'migrations', async () => {
        if (await dataSource.showMigrations()) throw new Error('migrations are pending');
      }),
      dependencyCheck(indicators, 'kafka', () => this.kafka.ping()),
      dependencyCheck(indicators, 'consumer', () =>
        consumer.joined
          ? Promise.resolve()
          : Promise.reject(new Error('not a member of its consumer group')),
      ),
    ];
  }

  async onApplicationShutdown(): Promise<void> {
    await this.kafka.close();
  }
}
