import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorFunction } from '@nestjs/terminus';
import { dependencyCheck, KafkaClients, type Readiness } from '@social-posts/service-runtime';
import { MongoConnection } from '../event-store/mongo-connection';

/** post-cmd is ready when its event store and Kafka answer. */
@Injectable()
export class PostCmdReadiness implements Readiness {
  readonly checks: readonly HealthIndicatorFunction[];

  constructor(
    indicators: HealthIndicatorService,
    connection: MongoConnection,
    kafka: KafkaClients,
  ) {
    this.checks = [
      dependencyCheck(indicators, 'eventStore', () => connection.db.command({ ping: 1 })),
      dependencyCheck(indicators, 'kafka', () => kafka.watch.ping()),
    ];
  }
}
