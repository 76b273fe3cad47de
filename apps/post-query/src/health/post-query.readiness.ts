import { Injectable } from '@nestjs/common';
import {
  HealthIndicatorService,
  TypeOrmHealthIndicator,
  type HealthIndicatorFunction,
} from '@nestjs/terminus';
import {
  dependencyCheck,
  KafkaClients,
  READINESS_CHECK_TIMEOUT_MS,
  type Readiness,
} from '@social-posts/service-runtime';
import { DataSource } from 'typeorm';
import { PostEventsConsumer } from '../consumer/post-events.consumer';

/**
 * post-query is ready when PostgreSQL answers with every migration applied, Kafka answers, and
 * its consumer is a member of its group (so that the read model is being kept up to date).
 */
@Injectable()
export class PostQueryReadiness implements Readiness {
  readonly checks: readonly HealthIndicatorFunction[];

  constructor(
    indicators: HealthIndicatorService,
    database: TypeOrmHealthIndicator,
    dataSource: DataSource,
    consumer: PostEventsConsumer,
    kafka: KafkaClients,
  ) {
    this.checks = [
      () => database.pingCheck('database', { timeout: READINESS_CHECK_TIMEOUT_MS }),
      dependencyCheck(indicators, 'migrations', async () => {
        if (await dataSource.showMigrations()) throw new Error('migrations are pending');
      }),
      dependencyCheck(indicators, 'kafka', () => kafka.watch.ping()),
      dependencyCheck(indicators, 'consumer', () =>
        consumer.joined
          ? Promise.resolve()
          : Promise.reject(new Error('not a member of its consumer group')),
      ),
    ];
  }
}
